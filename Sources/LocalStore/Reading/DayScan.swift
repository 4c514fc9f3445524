import Foundation
import GRDB
import StoreCore
import UsageCore

/// Reads a metric's daily rollup rows in customer order for the customers table, folding each row into its customer's
/// period total (rows inside the period's whole days) and daily values (rows inside the trailing days). A customer's
/// rows arrive together, so its daily values are finished, compact, before the next customer's start.
struct DayScan {
    /// A customer's count and exact values so far.
    struct Tally {
        var count: Int64 = 0
        var values = ExactSum()

        /// Folds in a partial aggregate of the hour and millisecond edges of the period: its sum for a sum metric,
        /// its maximum for a max metric (the values tallied are the metric's own).
        mutating func merge(_ partial: Partial, aggregation: Aggregation) {
            count += partial.count
            switch aggregation {
            case .sum: if let sum = partial.sum { values.add(sum) }
            case .max: if let max = partial.max { values.add(max) }
            default: break
            }
        }

        /// The metric's value: the count, the sum of the values (sum) or their largest (max).
        func value(for aggregation: Aggregation) -> Decimal {
            switch aggregation {
            case .count: Decimal(count)
            case .sum: values.sumText.flatMap(DecimalText.parse) ?? 0
            case .max: values.maxText.flatMap(DecimalText.parse) ?? 0
            case .uniqueCount, .weightedSum, .latest, .custom: 0
            }
        }
    }

    private let metric: Metric
    private let customers: CustomerTable.Customers
    private let firstDay: Int64
    private let days: Int
    private let periodDays: RangePlan.Span?
    /// The customer ids read, as a JSON array (nil: every customer).
    private let only: String?
    /// Each customer's tally over the period's whole days, in customer order.
    private(set) var tallies: [Tally]
    /// Each customer's daily values; nil for a customer without rows in the trailing days.
    private(set) var daily: [DailyValues?]

    /// Prepares a scan for `customers`.
    init(
        metric: Metric, customers: CustomerTable.Customers, firstDay: Int64, days: Int, periodDays: RangePlan.Span?,
        only: String? = nil
    ) {
        self.only = only
        self.metric = metric
        self.customers = customers
        self.firstDay = firstDay
        self.days = days
        self.periodDays = periodDays
        tallies = Array(repeating: Tally(), count: customers.ids.count)
        daily = Array(repeating: nil, count: customers.ids.count)
    }

    /// The slot ranges to read: the period's days and the trailing days, as one range when they overlap or touch.
    var ranges: [RangePlan.Span] {
        let trailing = RangePlan.Span(lower: firstDay, upper: firstDay + Int64(days))
        guard let period = periodDays else { return days > 0 ? [trailing] : [] }
        guard days > 0 else { return [period] }
        if period.lower <= trailing.upper, trailing.lower <= period.upper {
            return [RangePlan.Span(lower: min(period.lower, trailing.lower), upper: max(period.upper, trailing.upper))]
        }
        return [period, trailing]
    }

    /// The column holding the metric's value in a rollup row (nil for count, whose value is the event count).
    private var valueColumn: Int32? {
        switch metric.aggregation {
        case .sum: 3
        case .max: 4
        default: nil
        }
    }

    /// Reads day slots `[lower, upper)`.
    mutating func read(_ db: Database, lower: Int64, upper: Int64) throws {
        let rows = try RawStatement(
            """
            SELECT customer_id, slot, event_count, sum_value, max_value FROM rollup_day
            WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ?
            \(only == nil ? "" : "AND customer_id IN (SELECT value FROM json_each(?))") ORDER BY customer_id, slot
            """, in: db)
        rows.bind(metric.code)
        rows.bind(lower)
        rows.bind(upper)
        if let only { rows.bind(only) }
        var current: (id: String, index: Int?)?
        var day = DayBuffer(days: days, scale: valueColumn == nil ? 0 : ScaledValue.places)
        while try rows.step() {
            if current == nil || !rows.text(0, equals: current!.id) {
                if let index = current?.index, let values = day.finish() { daily[index] = values }
                let id = rows.text(0) ?? ""
                current = (id, customers.positions[id])
            }
            guard let index = current?.index else { continue }
            let slot = rows.integer(1) ?? 0, count = rows.integer(2) ?? 0
            let text = valueColumn.flatMap { rows.text($0) }
            if let period = periodDays, slot >= period.lower, slot < period.upper {
                tallies[index].count += count
                if let text { tallies[index].values.add(text: text) }
            }
            if slot >= firstDay, slot < firstDay + Int64(days) {
                day.set(
                    Int(slot - firstDay), count: count, text: valueColumn == nil ? nil : text,
                    isCount: valueColumn == nil)
            }
        }
        if let index = current?.index, let values = day.finish() { daily[index] = values }
    }
}

/// One customer's daily values while its rows are read: scaled units, or `Decimal`s from the first value that is not
/// plain text within reach of them.
private struct DayBuffer {
    private var units: [Int128]
    private var decimals: [Decimal]?
    private var touched = false
    private let scale: Int

    init(days: Int, scale: Int) {
        units = Array(repeating: 0, count: days)
        self.scale = scale
    }

    mutating func set(_ day: Int, count: Int64, text: String?, isCount: Bool) {
        touched = true
        if isCount {
            units[day] = Int128(count)
        } else if let text, decimals == nil, let value = ScaledValue(text) {
            units[day] = value.units
        } else if let text {
            if decimals == nil { decimals = DailyValues(units: units, scale: scale).map { $0 } }
            decimals![day] = DecimalText.parse(text) ?? 0
        }
    }

    /// The finished values (nil when no row arrived), and a clean buffer for the next customer.
    mutating func finish() -> DailyValues? {
        defer {
            for index in units.indices { units[index] = 0 }
            decimals = nil
            touched = false
        }
        guard touched else { return nil }
        return decimals.map(DailyValues.init) ?? DailyValues(units: units, scale: scale)
    }
}
