/// A billable metric: what is measured and how events are aggregated.
public struct Metric: Sendable, Hashable, Codable {
    /// The metric code events carry (Lago's `code`).
    public var code: String
    /// The display name.
    public var name: String
    /// How events are folded into a value.
    public var aggregation: Aggregation
    /// The property read by `sum`, `max` and `unique_count`.
    public var field: String?
    /// The unit shown next to values, if any.
    public var unit: String?
    /// Filters the provider defines on the metric (Hyperline's aggregator filters), for narrowing series and events.
    public var filters: [MetricFilter]
    /// The filter chosen, if any: series and events of the metric then count only the events it matches.
    public var filter: MetricFilter?
    /// Why the provider's numbers for this metric cannot be recomputed by adding up its events (a Lago metric that
    /// is recurring, computes units with an expression, rounds them, or counts unique values that events can
    /// remove), or nil when they can.
    public var notFromEvents: String?
    /// The provider whose own totals a store holds for this metric, copied by `usagetop sync` (its numbers come from
    /// those, never from events), or nil when the store adds up the metric's events.
    public var billedBy: String?

    /// Creates a metric.
    public init(
        code: String, name: String, aggregation: Aggregation, field: String? = nil, unit: String? = nil,
        filters: [MetricFilter] = [], filter: MetricFilter? = nil, notFromEvents: String? = nil,
        billedBy: String? = nil
    ) {
        self.code = code
        self.name = name
        self.aggregation = aggregation
        self.field = field
        self.unit = unit
        self.filters = filters
        self.filter = filter
        self.notFromEvents = notFromEvents
        self.billedBy = billedBy
    }

    /// The name, with the chosen filter's (`API calls [region: eu]`).
    public var displayName: String { filter.map { "\(name) [\($0.name)]" } ?? name }

    /// The metric narrowed by the filter with `id` (named as the metric lists it, else by its id); unchanged for nil.
    public func filtered(by id: String?) -> Metric {
        guard let id else { return self }
        var narrowed = self
        narrowed.filter = filters.first { $0.id == id } ?? MetricFilter(id: id, name: id)
        return narrowed
    }

    /// The metric narrowed by the next of its filters, or unfiltered after the last one.
    public func nextFilter() -> Metric {
        var next = self
        if let current = filter, let index = filters.firstIndex(of: current) {
            next.filter = index + 1 < filters.count ? filters[index + 1] : nil
        } else {
            next.filter = filter == nil ? filters.first : nil
        }
        return next
    }
}

/// A provider-defined filter on a metric (an id to send, a name to show).
public struct MetricFilter: Sendable, Hashable, Codable {
    /// The provider's id (Hyperline's `aggregator_filter_id`).
    public var id: String
    /// The display name.
    public var name: String

    /// Creates a filter.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
