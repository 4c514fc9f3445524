import UsageCore

/// The alerts last computed, with the activity and rules they were computed from.
struct AlertMemo: Sendable, Equatable {
    var activity: [MetricActivity]
    var rules: AlertRules
    var alerts: [Alert]
}
