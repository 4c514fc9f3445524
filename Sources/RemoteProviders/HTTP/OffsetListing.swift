import UsageCore

/// A list read by size and offset (Hyperline's `take`/`skip`, Prolifi's `limit`/`offset`): when the first page
/// says how many items there are, the pages up to that count are read concurrently (in order); then reading goes on
/// one page at a time while the provider says there is more (a count may be approximate).
struct OffsetListing: Sendable {
    /// One page: its items and the whole answer.
    typealias Answer = (items: [JSONValue], document: JSONValue)

    let api: APIClient
    let path: String
    /// The query names of the page size and the offset.
    let sizeName: String, offsetName: String
    let pageSize: Int
    /// The total the first page announces, if any.
    let total: @Sendable (JSONValue) -> Int?
    /// Whether there is more after a page, given how many items were read so far.
    let more: @Sendable (Answer, Int) -> Bool
    /// Told of every page as it arrives (pages read concurrently may arrive out of order).
    var onPage: (@Sendable (Answer) -> Void)?

    /// Every item under `data`, in order. The count the first page announces only says which pages to read at once
    /// (never more than the page limit, and it sizes no memory); every page must move the read on (`PageGuard`).
    func all() async throws -> [JSONValue] {
        var guardrail = PageGuard(limit: api.configuration.maxPages)
        var last = try await page(at: 0)
        var items = last.items
        try admit(last.items, more: more(last, items.count), &guardrail)
        guard more(last, items.count) else { return items }
        if let total = total(last.document), total > items.count, last.items.count == pageSize {
            let announced = (total - 1) / pageSize  // pages after the first, without multiplying anything out
            guard announced < api.configuration.maxPages else { throw api.configuration.tooManyPages(path) }
            let offsets = (1...announced).map { $0 * pageSize }
            let pages = try await ConcurrentMap.map(offsets, limit: api.concurrency) { offset in
                try await page(at: offset)
            }
            for (index, page) in pages.enumerated() {
                try admit(
                    page.items, more: index + 1 < pages.count || more(page, items.count + page.items.count), &guardrail)
            }
            items += pages.flatMap(\.items)
            last = pages.last ?? last
            guard more(last, items.count) else { return items }
        }
        while true {
            last = try await page(at: items.count)
            items += last.items
            try admit(last.items, more: more(last, items.count), &guardrail)
            if !more(last, items.count) { return items }
        }
    }

    private func admit(_ items: [JSONValue], more: Bool, _ guardrail: inout PageGuard) throws(APIError) {
        if let problem = guardrail.problem(admitting: items, more: more) {
            throw api.configuration.pagingProblem(path, problem)
        }
    }

    private func page(at offset: Int) async throws(APIError) -> Answer {
        let document = try await api.get(path, query: [(sizeName, String(pageSize)), (offsetName, String(offset))])
        let answer = (items: document["data"]?.arrayValue ?? [], document: document)
        onPage?(answer)
        return answer
    }
}
