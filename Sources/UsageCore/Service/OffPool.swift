import Foundation

/// Runs blocking work (a bulk write, a demo build) on a thread of its own and waits for it without holding one of
/// the cooperative pool's threads.
public enum OffPool {
    /// The result of `work`, run on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws(UsageError) -> T) async throws(UsageError)
        -> T
    {
        let result: Result<T, UsageError> = await withCheckedContinuation { continuation in
            Thread {
                do throws(UsageError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }.start()
        }
        return try result.get()
    }
}
