/// One page of a longer list.
public struct Page<Item: Sendable>: Sendable {
    /// The items on this page.
    public var items: [Item]
    /// Zero-based page index.
    public var index: Int
    /// The page size asked for.
    public var size: Int
    /// The number of items over all pages.
    public var totalCount: Int
    /// Whether items run newest first (true) or oldest first (false); nil when the provider does not say (Hyperline).
    public var newestFirst: Bool?
    /// The items the provider sent on this page that could not be read, each named with why (an event whose
    /// timestamp is neither ISO-8601 nor unix seconds): they are in `totalCount` but not in `items`.
    public var unreadable: [String]

    /// Creates a page.
    public init(
        items: [Item], index: Int, size: Int, totalCount: Int, newestFirst: Bool? = nil, unreadable: [String] = []
    ) {
        self.items = items
        self.index = index
        self.size = size
        self.totalCount = totalCount
        self.newestFirst = newestFirst
        self.unreadable = unreadable
    }

    /// The number of pages (at least 1).
    public var pageCount: Int { size > 0 ? Swift.max(1, (totalCount + size - 1) / size) : 1 }
}

extension Page: Equatable where Item: Equatable {}

extension Page {
    /// `newest first`, `oldest first`, or `as the provider lists them` when it does not say.
    public var orderText: String {
        switch newestFirst {
        case true?: "newest first"
        case false?: "oldest first"
        case nil: "as the provider lists them"
        }
    }
}
