import UsageCore

/// A list read by size and offset (Hyperline's `take`/`skip`, Prolifi's `limit`/`offset`): the first page says how
/// many items there are, the rest are read concurrently in order, and reading goes on one page at a time while
/// pages still come back full (a count may be approximate).
struct OffsetListing: Sendable {
    let api: APIClient
    let path: String
    /// The query names of the page size and the offset.
    let sizeName: String, offsetName: String
    let pageSize: Int
    /// The total the first page announces, if any.
    let total: @Sendable (JSONValue) -> Int?

    /// Every item under `data`, in order.
    func all() async throws -> [JSONValue] {
        let first = try await page(at: 0)
        var items = first.items
        guard items.count == pageSize else { return items }
        if let total = total(first.document), total > pageSize {
            let offsets = Array(stride(from: pageSize, to: total, by: pageSize))
            guard offsets.count < api.configuration.maxPages else { throw api.configuration.tooManyPages(path) }
            let pages = try await ConcurrentMap.map(offsets, limit: api.concurrency) { offset in try await page(at: offset).items }
            items += pages.flatMap { $0 }
            guard pages.last?.count == pageSize, items.count >= total else { return items }
        }
        for _ in 0..<api.configuration.maxPages {
            let next = try await page(at: items.count).items
            items += next
            if next.count < pageSize { return items }
        }
        throw api.configuration.tooManyPages(path)
    }

    private func page(at offset: Int) async throws(APIError) -> (items: [JSONValue], document: JSONValue) {
        let document = try await api.get(path, query: [(sizeName, String(pageSize)), (offsetName, String(offset))])
        return (document["data"]?.arrayValue ?? [], document)
    }
}
