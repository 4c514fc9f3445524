import Foundation
import GRDB
import UsageCore

/// Collects the rollup changes of events, then merges them into the rollup tables.
///
/// Metric codes and customer ids are numbered as they arrive, so a rollup key hashes three integers, and sums and
/// maxima are kept as `ExactSum` (integer arithmetic while the values allow). Ingest adds every valid event on its
/// parsing thread, before the writing thread learns which were duplicates, and takes those back with `remove`: counts,
/// sums and distinct values exactly, a maximum by naming the rows whose maximum the stored events must decide.
struct RollupAccumulator: Sendable {
    struct Key: Hashable, Sendable {
        var metric: Int32
        var customer: Int32
        var slot: Int64
    }

    struct Delta: Sendable {
        var count: Int64 = 0
        var values = ExactSum()
    }

    struct DistinctKey: Hashable, Sendable {
        var metric: Int32
        var customer: Int32
        var slot: Int64
        var value: String
    }

    /// A rollup row whose maximum only its stored events can decide (a duplicate taken back may have been it).
    struct StaleMaximum: Hashable, Sendable {
        /// `rollup_hour` or `rollup_day`.
        var table: String
        var metric: String
        var customer: String
        var slot: Int64
    }

    /// Each customer's hours, as events are added.
    private var hours: [Key: Delta] = [:]
    /// Made from `hours` by `complete`: all customers' hours, and every day.
    private var everyoneHours: [Key: Delta] = [:]
    private var days: [Key: Delta] = [:]
    /// Distinct values with how many added events carry them, so that taking one back is exact; all customers' are
    /// made by `complete`.
    private var distinct: [DistinctKey: Int32] = [:]
    private var everyoneDistinct: [DistinctKey: Int32] = [:]
    private var staleHours: Set<Key> = []
    private var staleDays: Set<Key> = []
    private var numbers: [String: Int32] = [:]
    private var names: [String] = []
    /// Whether the derived rows are up to date with `hours` and `distinct`.
    private var isComplete = true

    /// The number of rollup rows waiting to be merged (bounds memory between flushes).
    var pendingRows: Int { hours.count + everyoneHours.count + days.count + distinct.count + everyoneDistinct.count }

    /// Adds one event to its customer's hour (the day and all customers' rows are made from those by `complete`: one
    /// table update per event instead of four).
    mutating func add(_ event: NewEvent) {
        let metric = number(event.metricCode), customer = number(event.customerID), hour = Self.hour(event.timestampMs)
        isComplete = false
        Self.bump(&hours[Key(metric: metric, customer: customer, slot: hour), default: Delta()], event.number)
        if event.aggregation == .uniqueCount, let value = event.value {
            distinct[DistinctKey(metric: metric, customer: customer, slot: hour, value: value), default: 0] += 1
        }
    }

    /// Makes each customer's days and all customers' hours, days and distinct values from the customers' hours.
    /// Ingest calls it on its parsing thread before handing the rollups over; `remove` and `flush` call it if needed.
    mutating func complete() {
        guard !isComplete else { return }
        isComplete = true
        let everyone = number(StoreSchema.allCustomers)
        everyoneHours.removeAll()
        days.removeAll()
        everyoneDistinct.removeAll()
        for (key, delta) in hours {
            Self.merge(delta, into: &days[Key(metric: key.metric, customer: key.customer, slot: Self.day(key.slot))])
            Self.merge(delta, into: &everyoneHours[Key(metric: key.metric, customer: everyone, slot: key.slot)])
        }
        for (key, delta) in everyoneHours {
            Self.merge(delta, into: &days[Key(metric: key.metric, customer: everyone, slot: Self.day(key.slot))])
        }
        for (key, count) in distinct {
            everyoneDistinct[
                DistinctKey(metric: key.metric, customer: everyone, slot: key.slot, value: key.value), default: 0] +=
                count
        }
    }

    private static func merge(_ delta: Delta, into total: inout Delta?) {
        var merged = total ?? Delta()
        merged.count += delta.count
        merged.values.add(delta.values)
        total = merged
    }

    /// Takes back an event added before that was not written (its transaction id was already stored).
    mutating func remove(_ event: NewEvent) {
        complete()
        guard let metric = numbers[event.metricCode], let customer = numbers[event.customerID],
            let everyone = numbers[StoreSchema.allCustomers]
        else { return }
        let hour = Self.hour(event.timestampMs), day = Self.day(hour)
        // Rare (only duplicates come here), so plainly: the customer's rows, then all customers'.
        for (who, isEveryone) in [(customer, false), (everyone, true)] {
            let hourKey = Key(metric: metric, customer: who, slot: hour)
            let dayKey = Key(metric: metric, customer: who, slot: day)
            let hourStale =
                isEveryone
                ? Self.takeBack(event.number, from: &everyoneHours, at: hourKey)
                : Self.takeBack(event.number, from: &hours, at: hourKey)
            if hourStale { staleHours.insert(hourKey) }
            if Self.takeBack(event.number, from: &days, at: dayKey) { staleDays.insert(dayKey) }
            guard event.aggregation == .uniqueCount, let value = event.value else { continue }
            let key = DistinctKey(metric: metric, customer: who, slot: hour, value: value)
            if isEveryone { Self.takeBack(key, from: &everyoneDistinct) } else { Self.takeBack(key, from: &distinct) }
        }
    }

    private static func takeBack(_ key: DistinctKey, from distinct: inout [DistinctKey: Int32]) {
        if let count = distinct[key] { distinct[key] = count > 1 ? count - 1 : nil }
    }

    /// Undoes one `bump`; true when the row keeps other events and the value may have been their maximum.
    private static func takeBack(_ number: ScaledValue?, from deltas: inout [Key: Delta], at key: Key) -> Bool {
        guard var delta = deltas[key] else { return false }
        delta.count -= 1
        guard delta.count > 0 else { deltas[key] = nil; return false }
        let mayBeMaximum = number.map { delta.values.remove($0) } ?? false
        deltas[key] = delta
        return mayBeMaximum
    }

    static func hour(_ ms: Int64) -> Int64 { ms >= 0 ? ms / 3_600_000 : (ms - 3_599_999) / 3_600_000 }

    static func day(_ hour: Int64) -> Int64 { hour >= 0 ? hour / 24 : (hour - 23) / 24 }

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

    /// Merges the collected changes into the database, empties the accumulator and returns the rows whose maximum
    /// must be read again from the stored events (only after duplicates were taken back).
    mutating func flush(into db: Database) throws -> [StaleMaximum] {
        complete()
        let ranks = nameRanks()
        try merge(everyoneHours, table: "rollup_hour", ranks: ranks, db: db)
        try merge(hours, table: "rollup_hour", ranks: ranks, db: db)
        try merge(days, table: "rollup_day", ranks: ranks, db: db)
        let insertDistinct = try RawStatement(
            "INSERT OR IGNORE INTO distinct_hour (metric_code, customer_id, slot, value) VALUES (?, ?, ?, ?)", in: db)
        for key in [everyoneDistinct.keys, distinct.keys].joined() {
            insertDistinct.bind(names[Int(key.metric)])
            insertDistinct.bind(names[Int(key.customer)])
            insertDistinct.bind(key.slot)
            insertDistinct.bind(key.value)
            try insertDistinct.run()
        }
        let stale =
            staleHours.filter { (hours[$0] ?? everyoneHours[$0]) != nil }.map { staleMaximum($0, table: "rollup_hour") }
            + staleDays.filter { days[$0] != nil }.map { staleMaximum($0, table: "rollup_day") }
        self = RollupAccumulator()
        return stale
    }

    private func staleMaximum(_ key: Key, table: String) -> StaleMaximum {
        StaleMaximum(table: table, metric: names[Int(key.metric)], customer: names[Int(key.customer)], slot: key.slot)
    }

    /// Each number's place among the names in SQLite's text order, so keys can be sorted as the tables store them.
    private func nameRanks() -> [UInt64] {
        var ranks = [UInt64](repeating: 0, count: names.count)
        for (rank, number) in names.indices.sorted(by: {
            Array(names[$0].utf8).lexicographicallyPrecedes(names[$1].utf8)
        })
        .enumerated() {
            ranks[number] = UInt64(rank)
        }
        return ranks
    }

    /// Upserts in the table's key order: each row lands next to the last one instead of at a random page. The order
    /// is sorted as integer pairs, not as the rows themselves (each holds a reference that moving would retain).
    private func merge(_ deltas: [Key: Delta], table: String, ranks: [UInt64], db: Database) throws {
        let upsert = try RawStatement(
            """
            INSERT INTO \(table) (metric_code, customer_id, slot, event_count, sum_value, max_value)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (metric_code, customer_id, slot) DO UPDATE SET
                event_count = event_count + excluded.event_count,
                sum_value = dec_add(sum_value, excluded.sum_value),
                max_value = dec_max(max_value, excluded.max_value)
            """, in: db)
        let rows = Array(deltas)
        var order = rows.indices.map { index in
            let key = rows[index].key
            return (ranks[Int(key.metric)] << 32 | ranks[Int(key.customer)], key.slot, index)
        }
        order.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, index) in order {
            let (key, delta) = rows[index]
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
