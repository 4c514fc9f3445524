import GRDB
import StoreCore

/// Merging an accumulator's rows into the SQLite store's rollup tables.
extension RollupAccumulator {
    /// Merges the collected changes into the database, empties the accumulator and returns the rows whose maximum
    /// must be read again from the stored events (only after duplicates were taken back).
    mutating func flush(into db: Database) throws -> [StaleMaximum] {
        complete()
        let ranks = nameRanks()
        try merge(everyoneHours, table: "rollup_hour", ranks: ranks, db: db)
        try merge(hours, table: "rollup_hour", ranks: ranks, db: db)
        try merge(days, table: "rollup_day", ranks: ranks, db: db)
        for (table, keys) in [
            ("distinct_hour", [everyoneDistinct.keys, distinct.keys]), ("distinct_day", [distinctDays.keys]),
        ] {
            let insert = try RawStatement(
                "INSERT OR IGNORE INTO \(table) (metric_code, customer_id, slot, value) VALUES (?, ?, ?, ?)", in: db)
            for key in keys.joined() {
                insert.bind(names[Int(key.metric)])
                insert.bind(names[Int(key.customer)])
                insert.bind(key.slot)
                insert.bind(key.value)
                try insert.run()
            }
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
