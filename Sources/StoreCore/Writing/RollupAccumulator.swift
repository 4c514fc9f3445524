import Foundation
import UsageCore

/// Collects the rollup changes of events, then merges them into the rollup tables.
///
/// Metric codes and customer ids are numbered as they arrive, so a rollup key hashes three integers, and sums and
/// maxima are kept as `ExactSum` (integer arithmetic while the values allow). Ingest adds every valid event on its
/// parsing thread, before the writing thread learns which were duplicates, and takes those back with `remove`: counts,
/// sums and distinct values exactly, a maximum by naming the rows whose maximum the stored events must decide.
package struct RollupAccumulator: Sendable {
    /// How many rollup rows a caller lets wait before merging them (memory stays bounded while repeated keys are
    /// merged in memory first).
    package static let maxPendingRows = 1_500_000

    /// An empty accumulator.
    package init() {}

    package struct Key: Hashable, Sendable {
        package var metric: Int32
        package var customer: Int32
        package var slot: Int64
    }

    package struct Delta: Sendable {
        package var count: Int64 = 0
        package var values = ExactSum()
    }

    package struct DistinctKey: Hashable, Sendable {
        package var metric: Int32
        package var customer: Int32
        package var slot: Int64
        package var value: String
    }

    /// A rollup row whose maximum only its stored events can decide (a duplicate taken back may have been it).
    package struct StaleMaximum: Hashable, Sendable {
        /// `rollup_hour` or `rollup_day`.
        package var table: String
        package var metric: String
        package var customer: String
        package var slot: Int64

        /// The row of `table` at `metric`, `customer` and `slot`.
        package init(table: String, metric: String, customer: String, slot: Int64) {
            self.table = table
            self.metric = metric
            self.customer = customer
            self.slot = slot
        }
    }

    /// Each customer's hours, as events are added.
    package private(set) var hours: [Key: Delta] = [:]
    /// Made from `hours` by `complete`: all customers' hours, and every day.
    package private(set) var everyoneHours: [Key: Delta] = [:]
    package private(set) var days: [Key: Delta] = [:]
    /// Distinct values of each hour with how many added events carry them, so that taking one back is exact; all
    /// customers' and each day's are made by `complete`.
    package private(set) var distinct: [DistinctKey: Int32] = [:]
    package private(set) var everyoneDistinct: [DistinctKey: Int32] = [:]
    /// Made by `complete` from the hours' distinct values: each day's, each customer's and all customers'.
    package private(set) var distinctDays: [DistinctKey: Int32] = [:]
    package private(set) var staleHours: Set<Key> = []
    package private(set) var staleDays: Set<Key> = []
    private var numbers: [String: Int32] = [:]
    package private(set) var names: [String] = []
    /// Whether the derived rows are up to date with `hours` and `distinct`.
    private var isComplete = true

    /// The number of rollup rows waiting to be merged (bounds memory between flushes).
    package var pendingRows: Int {
        hours.count + everyoneHours.count + days.count + distinct.count + everyoneDistinct.count + distinctDays.count
    }

    /// Adds one event to its customer's hour (the day and all customers' rows are made from those by `complete`: one
    /// table update per event instead of four).
    package mutating func add(_ event: NewEvent) {
        let metric = number(event.metricCode), customer = number(event.customerID), hour = Self.hour(event.timestampMs)
        isComplete = false
        Self.bump(&hours[Key(metric: metric, customer: customer, slot: hour), default: Delta()], event.number)
        if event.aggregation == .uniqueCount, let value = event.value {
            distinct[DistinctKey(metric: metric, customer: customer, slot: hour, value: value), default: 0] += 1
        }
    }

    /// Makes each customer's days and all customers' hours, days and distinct values (of hours and of days) from the
    /// customers' hours.
    /// Ingest calls it on its parsing thread before handing the rollups over; `remove` and `flush` call it if needed.
    package mutating func complete() {
        guard !isComplete else { return }
        isComplete = true
        let everyone = number(StoreTables.allCustomers)
        everyoneHours.removeAll()
        days.removeAll()
        everyoneDistinct.removeAll()
        distinctDays.removeAll()
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
        for (key, count) in [distinct, everyoneDistinct].joined() {
            distinctDays[
                DistinctKey(metric: key.metric, customer: key.customer, slot: Self.day(key.slot), value: key.value),
                default: 0] += count
        }
    }

    private static func merge(_ delta: Delta, into total: inout Delta?) {
        var merged = total ?? Delta()
        merged.count += delta.count
        merged.values.add(delta.values)
        total = merged
    }

    /// Takes back an event added before that was not written (its transaction id was already stored).
    package mutating func remove(_ event: NewEvent) {
        complete()
        guard let metric = numbers[event.metricCode], let customer = numbers[event.customerID],
            let everyone = numbers[StoreTables.allCustomers]
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
            Self.takeBack(DistinctKey(metric: metric, customer: who, slot: day, value: value), from: &distinctDays)
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

    package static func hour(_ ms: Int64) -> Int64 { ms >= 0 ? ms / 3_600_000 : (ms - 3_599_999) / 3_600_000 }

    package static func day(_ hour: Int64) -> Int64 { hour >= 0 ? hour / 24 : (hour - 23) / 24 }

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
}
