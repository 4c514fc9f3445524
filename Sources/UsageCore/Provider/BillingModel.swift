/// What a provider's numbers are made of, and so which periods it can answer.
public enum BillingModel: String, Sendable, Hashable {
    /// Billing periods of subscriptions (Lago): a total answers a whole billing period.
    case billingPeriods
    /// Whole days (Hyperline, Prolifi): a total answers any run of days.
    case days
}
