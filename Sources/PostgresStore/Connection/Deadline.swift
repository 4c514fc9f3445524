/// Runs work that must end within a time: past it the caller gets `late` at once and the work is cancelled and left
/// to end on its own (a server that took the connection and then says nothing never holds the caller).
enum Deadline {
    /// `body`'s result, or `late` thrown once `limit` has passed.
    static func run<T: Sendable>(
        within limit: Duration, late: any Error, _ body: @escaping @Sendable () async throws -> T
    )
        async throws -> T
    {
        let first = Once()
        return try await withCheckedThrowingContinuation { continuation in
            let work = Task {
                let result: Result<T, any Error>
                do { result = .success(try await body()) } catch { result = .failure(error) }
                if first.claim() { continuation.resume(with: result) }
            }
            Task {
                guard (try? await Task.sleep(for: limit)) != nil, first.claim() else { return }
                work.cancel()
                continuation.resume(throwing: late)
            }
        }
    }
}
