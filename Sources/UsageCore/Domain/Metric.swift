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

    /// Creates a metric.
    public init(code: String, name: String, aggregation: Aggregation, field: String? = nil, unit: String? = nil) {
        self.code = code
        self.name = name
        self.aggregation = aggregation
        self.field = field
        self.unit = unit
    }
}
