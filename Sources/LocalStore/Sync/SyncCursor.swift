import Foundation
import UsageCore

/// The stretch of time a sync has copied of one customer's events of one metric from one source (`sync_cursor`).
public struct SyncCursor: Sendable, Hashable {
    /// The start and end of what was copied.
    public var from: Date
    public var until: Date

    /// A stretch from `from` to `until`.
    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    /// What to read to cover `since` to `now`: before a first copy all of it; after one, the time before what was
    /// copied (when `since` is earlier) and the time since the end of it, less `overlap` (events that arrive late).
    static func windows(_ cursor: SyncCursor?, since: Date, now: Date, overlap: TimeInterval)
        -> (older: Period?, recent: Period?)
    {
        guard let cursor else { return (nil, since < now ? Period(start: since, end: now) : nil) }
        let older = since < cursor.from ? Period(start: since, end: cursor.from) : nil
        let start = max(since, cursor.until.addingTimeInterval(-overlap))
        return (older, start < now ? Period(start: start, end: now) : nil)
    }
}
