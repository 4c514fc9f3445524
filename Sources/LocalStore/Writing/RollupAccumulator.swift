import Foundation
import GRDB
import UsageCore

/// Collects rollup changes for a batch of inserted events, then merges them into the rollup tables.
struct RollupAccumulator {
    struct Key: Hashable {
        var metric: String
        var customer: String
        var slot: Int64
    }

    struct Delta {
        var count: Int64 = 0
        var sum: Decimal?
        var max: Decimal?
    }

    struct DistinctKey: Hashable {
        var metric: String
        var customer: String
        var slot: Int64
        var value: String
    }

    private(set) var hours: [Key: Delta] = [:]
    private(set) var days: [Key: Delta] = [:]
    private(set) var distinct: Set<DistinctKey> = []

    /// Whether nothing has been added since the last flush.
    var isEmpty: Bool { hours.isEmpty && distinct.isEmpty }

    /// The number of rollup rows waiting to be merged (bounds memory between flushes).
    var pendingRows: Int { hours.count + days.count + distinct.count }

    /// Adds one inserted event, for its customer and for all customers.
    mutating func add(_ event: NewEvent) {
        let hour = event.timestampMs >= 0 ? event.timestampMs / 3_600_000 : (event.timestampMs - 3_599_999) / 3_600_000
        let day = hour >= 0 ? hour / 24 : (hour - 23) / 24
        let number = event.number
        for customer in [event.customerID, StoreSchema.allCustomers] {
            Self.bump(&hours[Key(metric: event.metricCode, customer: customer, slot: hour), default: Delta()], number)
            Self.bump(&days[Key(metric: event.metricCode, customer: customer, slot: day), default: Delta()], number)
            if event.aggregation == .uniqueCount, let value = event.value {
                distinct.insert(DistinctKey(metric: event.metricCode, customer: customer, slot: hour, value: value))
            }
        }
    }

    private static func bump(_ delta: inout Delta, _ number: Decimal?) {
        delta.count += 1
        if let number {
            delta.sum = (delta.sum ?? 0) + number
            delta.max = Swift.max(delta.max ?? number, number)
        }
    }

    /// Merges the collected changes into the database and empties the accumulator.
    mutating func flush(into db: Database) throws {
        try merge(hours, table: "rollup_hour", db: db)
        try merge(days, table: "rollup_day", db: db)
        let insertDistinct = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO distinct_hour (metric_code, customer_id, slot, value) VALUES (?, ?, ?, ?)")
        for key in distinct {
            try insertDistinct.execute(arguments: [key.metric, key.customer, key.slot, key.value])
        }
        hours.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        distinct.removeAll(keepingCapacity: true)
    }

    private func merge(_ deltas: [Key: Delta], table: String, db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (metric_code, customer_id, slot, event_count, sum_value, max_value)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (metric_code, customer_id, slot) DO UPDATE SET
                event_count = event_count + excluded.event_count,
                sum_value = dec_add(sum_value, excluded.sum_value),
                max_value = dec_max(max_value, excluded.max_value)
            """)
        for (key, delta) in deltas {
            try upsert.execute(arguments: [
                key.metric, key.customer, key.slot, delta.count,
                delta.sum.map(DecimalText.format), delta.max.map(DecimalText.format),
            ])
        }
    }
}
