import UsageCore

/// A customers-table row with its precomputed lower-case search key.
public struct CustomerRow: Sendable, Hashable {
    /// The data.
    public var summary: CustomerSummary
    /// `lowercased(name) + "\n" + lowercased(id)` as UTF-8, for fast substring filtering.
    let searchKey: [UInt8]

    /// Creates a row.
    public init(summary: CustomerSummary) {
        self.summary = summary
        searchKey = Array((summary.customer.name.lowercased() + "\n" + summary.customer.id.lowercased()).utf8)
    }

    /// Whether the lower-case `needle` occurs in the name or id.
    func matches(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let count = searchKey.count - needle.count
        guard count >= 0 else { return false }
        return searchKey.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var i = 0
                while i <= count {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
