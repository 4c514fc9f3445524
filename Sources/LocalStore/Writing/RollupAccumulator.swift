import Foundation
import GRDB
import UsageCore

/// Collects rollup changes for a batch of inserted events, then merges them into the rollup tables.
///
/// Metric codes and customer ids are numbered as they arrive, so a rollup key hashes three integers, and sums and
/// maxima are kept as `ExactSum` (integer arithmetic while the values allow): both were most of the time ingest spent
/// here.
struct RollupAccumulator {
    struct Key: Hashable {
        var metric: Int32
        var customer: Int32
        var slot: Int64
    }

    struct Delta {
        var count: Int64 = 0
        var values = ExactSum()
    }

    struct DistinctKey: Hashable {
        var metric: Int32
        var customer: Int32
        var slot: Int64
        var value: String
    }

    private(set) var hours: [Key: Delta] = [:]
    private(set) var days: [Key: Delta] = [:]
    private(set) var distinct: Set<DistinctKey> = []
    private var numbers: [String: Int32] = [:]
    private var names: [String] = []

    /// Whether nothing has been added since the last flush.
    var isEmpty: Bool { hours.isEmpty && distinct.isEmpty }

    /// The number of rollup rows waiting to be merged (bounds memory between flushes).
    var pendingRows: Int { hours.count + days.count + distinct.count }

    /// Adds one inserted event, for its customer and for all customers.
    mutating func add(_ event: NewEvent) {
        let hour = event.timestampMs >= 0 ? event.timestampMs / 3_600_000 : (event.timestampMs - 3_599_999) / 3_600_000
        let day = hour >= 0 ? hour / 24 : (hour - 23) / 24
        let metric = number(event.metricCode)
        let customer = number(event.customerID), everyone = number(StoreSchema.allCustomers)
        add(event, metric: metric, customer: customer, hour: hour, day: day)
        add(event, metric: metric, customer: everyone, hour: hour, day: day)
    }

    private mutating func add(_ event: NewEvent, metric: Int32, customer: Int32, hour: Int64, day: Int64) {
        Self.bump(&hours[Key(metric: metric, customer: customer, slot: hour), default: Delta()], event.number)
        Self.bump(&days[Key(metric: metric, customer: customer, slot: day), default: Delta()], event.number)
        if event.aggregation == .uniqueCount, let value = event.value {
            distinct.insert(DistinctKey(metric: metric, customer: customer, slot: hour, value: value))
        }
    }

    private mutating func number(_ name: String) -> Int32 {
        if let known = numbers[name] { return known }
        let new = Int32(names.count)
        names.append(name)
        numbers[name] = new
        return new
    }

    private static func bump(_ delta: inout Delta, _ number: ScaledValue?) {
        delta.count += 1
        if let number { delta.values.add(number) }
    }

    /// Merges the collected changes into the database and empties the accumulator.
    mutating func flush(into db: Database) throws {
        let ranks = nameRanks()
        try merge(hours, table: "rollup_hour", ranks: ranks, db: db)
        try merge(days, table: "rollup_day", ranks: ranks, db: db)
        let insertDistinct = try RawStatement(
            "INSERT OR IGNORE INTO distinct_hour (metric_code, customer_id, slot, value) VALUES (?, ?, ?, ?)", in: db)
        for key in distinct {
            insertDistinct.bind(names[Int(key.metric)])
            insertDistinct.bind(names[Int(key.customer)])
            insertDistinct.bind(key.slot)
            insertDistinct.bind(key.value)
            try insertDistinct.run()
        }
        hours.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        distinct.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
    }

    /// Each number's place among the names in SQLite's text order, so keys can be sorted as the tables store them.
    private func nameRanks() -> [Int32] {
        var ranks = [Int32](repeating: 0, count: names.count)
        for (rank, number) in names.indices.sorted(by: { Array(names[$0].utf8).lexicographicallyPrecedes(names[$1].utf8) })
            .enumerated()
        {
            ranks[number] = Int32(rank)
        }
        return ranks
    }

    /// Upserts in the table's key order: each row lands next to the last one instead of at a random page.
    private func merge(_ deltas: [Key: Delta], table: String, ranks: [Int32], db: Database) throws {
        let upsert = try RawStatement("""
            INSERT INTO \(table) (metric_code, customer_id, slot, event_count, sum_value, max_value)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (metric_code, customer_id, slot) DO UPDATE SET
                event_count = event_count + excluded.event_count,
                sum_value = dec_add(sum_value, excluded.sum_value),
                max_value = dec_max(max_value, excluded.max_value)
            """, in: db)
        let ordered = deltas.sorted { a, b in
            let left = (ranks[Int(a.key.metric)], ranks[Int(a.key.customer)], a.key.slot)
            let right = (ranks[Int(b.key.metric)], ranks[Int(b.key.customer)], b.key.slot)
            return left < right
        }
        for (key, delta) in ordered {
            upsert.bind(names[Int(key.metric)])
            upsert.bind(names[Int(key.customer)])
            upsert.bind(key.slot)
            upsert.bind(delta.count)
            upsert.bind(delta.values.sumText)
            upsert.bind(delta.values.maxText)
            try upsert.run()
        }
    }
}
