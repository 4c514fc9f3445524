/// Runs independent provider calls concurrently, at most `limit` at once, keeping the input order; the first
/// failure cancels the rest and is thrown.
enum ConcurrentMap {
    /// `transform` applied to every item, `limit` at a time, results in the order of `items`.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        guard !items.isEmpty else { return [] }
        var results = [Result?](repeating: nil, count: items.count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func start() {
                let index = next, item = items[index]
                group.addTask { (index, try await transform(item)) }
                next += 1
            }
            while next < min(max(1, limit), items.count) { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count { start() }
            }
        }
        return results.compactMap { $0 }
    }
}
