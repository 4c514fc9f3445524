import UsageCore

extension APIClient {
    /// The count a list announces in its `meta` under `key` when asked for one item (`query` says how): one call. A
    /// missing or negative count is a malformed answer that names `purpose`, what the count was asked for.
    func announcedCount(_ path: String, query: [(String, String)], key: String, purpose: String) async throws -> Int {
        let document = try await get(path, query: query)
        guard let count = document["meta"]?[key]?.intValue, count >= 0 else {
            throw APIError(
                provider: configuration.providerName, kind: .malformed,
                message: "GET \(path) gave no meta.\(key); \(purpose)")
        }
        return count
    }
}
