import Foundation

/// What sync keeps of a source between passes (in the store, `EventStore.syncState`): the provider's count of each
/// hour's events as the last pass saw them, and the customers whose copy was left unfinished or disagreeing, which
/// the next pass takes up again whatever the counts say.
struct SyncState: Codable, Sendable, Equatable {
    /// Events by hour (the hour's start in seconds since 1970, as text: JSON keys are text).
    var hours: [String: Int]
    /// Customers to copy and check again.
    var pending: [String]
    /// The UTC day (days since 1970) of the last pass that read every customer.
    var wholeDay: Int?
    /// The provider's count of its customers when every customer was last listed (nil: never, or by an earlier
    /// version; the next pass lists them).
    var customers: Int?

    /// A state of `hours` counts and `pending` customers, every customer last read on `wholeDay` and last listed when
    /// the provider counted `customers`.
    init(hours: [Int64: Int], pending: Set<String>, wholeDay: Int?, customers: Int?) {
        self.hours = Dictionary(uniqueKeysWithValues: hours.map { (String($0.key), $0.value) })
        self.pending = pending.sorted()
        self.wholeDay = wholeDay
        self.customers = customers
    }

    /// The UTC day `date` falls on, in days since 1970.
    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The counts by hour.
    var hourCounts: [Int64: Int] {
        Dictionary(hours.compactMap { key, value in Int64(key).map { ($0, value) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The state kept as `text`, or nil when there is none or it does not read (the next pass is then a whole one).
    static func reading(_ text: String?) -> SyncState? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(SyncState.self, from: Data(text.utf8))
    }

    /// The state as JSON text.
    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
