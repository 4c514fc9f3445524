import Foundation

/// Prices one charge over the raw events of one billing period as lago-api bills them: each event goes to the most
/// specific filter whose every key holds its value (the first on a tie), else to the charge's own price; inside each,
/// the events are split by the charge's group keys (`pricing_group_keys`); every filter and group is a fee of its
/// own, aggregated as the metric aggregates, priced by its model and rounded to a minor unit on its own. This is the
/// one place that prices events one by one: percentage charges get each value in time order, so free units, free
/// transactions and per-transaction minimums and maximums come out as Lago's.
public enum EventPricer {
    /// What a charge bills over some events.
    public struct Priced: Sendable, Hashable {
        /// The charge's units: the metric's value over every event it counts.
        public var units: Decimal
        /// How many events.
        public var events: Int
        /// The amount in minor units, or nil when the model or the aggregation cannot be reproduced.
        public var minorUnits: Int?
        /// How many fees (filters and groups with events) were rounded on their own.
        public var fees: Int
        /// The units of events no filter matched (priced at the charge's own price), when the charge has filters.
        public var unmatched: Decimal
    }

    /// One fee of a charge: a filter's (or the charge's own price's) events of one group, and what they cost.
    public struct Fee: Sendable, Hashable {
        /// Which fee: the filter's position (the filters' count for the charge's own price) and the group's values.
        public var id: [String]
        /// Its events, oldest first.
        public var events: [UsageEvent]
        /// What it costs in minor units, nil when the model or the aggregation cannot be reproduced.
        public var minorUnits: Int?
    }

    /// `charge` over `events` of `metric` (any order), in minor units of `currency`.
    public static func price(_ charge: Charge, metric: Metric, events: [UsageEvent], currency: String) -> Priced {
        let all = fees(charge, metric: metric, events: events, currency: currency)
        let total = all.reduce(Int?(0)) { sum, fee in sum.flatMap { total in fee.minorUnits.map { total + $0 } } }
        let unmatched =
            charge.filters.isEmpty
            ? 0
            : units(of: all.filter { $0.id.first == "\(charge.filters.count)" }.flatMap(\.events), metric) ?? 0
        return Priced(
            units: units(of: events, metric) ?? 0, events: events.count, minorUnits: total, fees: all.count,
            unmatched: unmatched)
    }

    /// The fees `charge` bills over `events`: each filter's events (the most specific filter an event matches, else
    /// the charge's own price) split by the group keys, each priced and rounded on its own.
    public static func fees(_ charge: Charge, metric: Metric, events: [UsageEvent], currency: String) -> [Fee] {
        let ordered = events.sorted { ($0.timestamp, $0.transactionID) < ($1.timestamp, $1.transactionID) }
        var buckets = [[UsageEvent]](repeating: [], count: charge.filters.count + 1)
        for event in ordered { buckets[bucket(of: event, in: charge.filters)].append(event) }
        var fees: [Fee] = []
        for (index, bucket) in buckets.enumerated() where !bucket.isEmpty {
            let model = index < charge.filters.count ? charge.filters[index].model : charge.model
            for (key, group) in groups(bucket, keys: charge.groupKeys) {
                let units = units(of: group, metric)
                let usage = ChargeUsage(
                    units: units ?? 0, events: group.count, values: group.map { value(of: $0, metric) })
                let amount = units == nil ? nil : model.amount(for: usage)
                fees.append(
                    Fee(
                        id: ["\(index)"] + key, events: group,
                        minorUnits: amount.map { ChargeAmount.minorUnits($0, currency: currency) }))
            }
        }
        return fees
    }

    /// The metric's value over `events`, or nil for an aggregation the store does not reproduce.
    public static func units(of events: [UsageEvent], _ metric: Metric) -> Decimal? {
        switch metric.aggregation {
        case .count: Decimal(events.count)
        case .sum: events.reduce(Decimal(0)) { $0 + value(of: $1, metric) }
        case .max: events.map { value(of: $0, metric) }.max() ?? 0
        case .uniqueCount:
            Decimal(
                Set(events.compactMap { event in metric.field.flatMap { event.properties[$0]?.distinctKey } }).count)
        default: nil
        }
    }

    /// Lago's word for "any value of the property" in a filter (`ChargeFilterValue::ALL_FILTER_VALUES`).
    public static let anyValue = "__ALL_FILTER_VALUES__"

    /// The filter an event falls in (`filters.count`: none, the charge's own price): of the filters whose every key
    /// holds the event's value (any value, for `anyValue`), the one with the most keys, then the most keys with values
    /// listed rather than any value, then the first, as lago-api's `ChargeFilters::MatchingAndIgnoredService` leaves
    /// each event to the most specific filter.
    static func bucket(of event: UsageEvent, in filters: [ChargeFilter]) -> Int {
        filterIndex(in: filters) { text(event.properties[$0]) }
    }

    /// The filter whose price applies to something with the property values `value(key)` gives (nil: it has none),
    /// by the rule of `bucket(of:in:)`; `filters.count` when none matches.
    public static func filterIndex(in filters: [ChargeFilter], value: (String) -> String?) -> Int {
        func specificity(_ filter: ChargeFilter) -> (Int, Int) {
            (filter.values.count, filter.values.values.count { !$0.contains(anyValue) })
        }
        var best: Int?
        for (index, filter) in filters.enumerated()
        where filter.values.allSatisfy({ key, values in
            value(key).map { values.contains(anyValue) || values.contains($0) } ?? false
        }) {
            if best.map({ specificity(filters[$0]) < specificity(filter) }) ?? true { best = index }
        }
        return best ?? filters.count
    }

    /// `events` split by the values of `keys` (one group when there are none), in order of first appearance, each
    /// with its values.
    private static func groups(_ events: [UsageEvent], keys: [String]) -> [(key: [String], events: [UsageEvent])] {
        guard !keys.isEmpty else { return [([], events)] }
        var order: [[String]] = []
        var members: [[String]: [UsageEvent]] = [:]
        for event in events {
            let key = keys.map { text(event.properties[$0]) ?? "" }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(event)
        }
        return order.map { ($0, members[$0]!) }
    }

    /// A property's value as a filter compares it: a string as it is, a number as written, a boolean as a word.
    public static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .number(let raw)?: raw
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }

    /// The event's value of the metric's field (zero when it has none).
    private static func value(of event: UsageEvent, _ metric: Metric) -> Decimal {
        metric.field.flatMap { event.properties[$0]?.decimalValue } ?? 0
    }
}
