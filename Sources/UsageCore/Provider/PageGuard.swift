/// Keeps a paged read finite and moving: at most `limit` pages, and every page must differ from the one before it.
/// A server that ignores the offset, repeats a page or keeps announcing more would otherwise be read until a limit,
/// or forever; here the read stops at the first such page with a line that names it. Pages are compared by a hash of
/// their items, never by anything the server announces (a `meta.total` sizes nothing).
public struct PageGuard: Sendable {
    /// The most pages the read may take.
    public let limit: Int
    /// Pages admitted so far.
    public private(set) var pages = 0
    private var previous: Int?

    /// A guard for a read of at most `limit` pages.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Admits the next page of `items`, or says why the read must stop: a page that repeats the one before it (items
    /// and all), or `more` to read when the limit is reached. An empty page is always admitted (it ends a read).
    public mutating func problem<Item: Hashable>(admitting items: [Item], more: Bool) -> String? {
        pages += 1
        if !items.isEmpty {
            var hasher = Hasher()
            hasher.combine(items)
            let fingerprint = hasher.finalize()
            if previous == fingerprint {
                return "page \(pages) repeats page \(pages - 1); stopped (the server does not advance)"
            }
            previous = fingerprint
        }
        if more && pages >= limit {
            return "still more after \(limit) pages; stopped (the server keeps announcing more)"
        }
        return nil
    }

    /// The most pages of events one window of a copy may take: ten million events at a hundred a page. A copy that
    /// needs more says so instead of stopping short.
    public static let eventPages = 100_000
}
