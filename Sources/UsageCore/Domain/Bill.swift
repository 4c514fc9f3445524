import Foundation

/// What one billing period of one subscription costs, as the provider prices it: the usage amount, taxes and
/// total, and the projection to the period's end when the provider offers one.
public struct Bill: Sendable, Hashable {
    /// The billing period.
    public var period: Period
    /// Whether the period is invoiced (past) rather than the current one.
    public var isInvoiced: Bool
    /// The usage amount before taxes.
    public var amount: Money
    /// The taxes on it, when computed.
    public var taxes: Money?
    /// Amount plus taxes, when computed.
    public var total: Money?
    /// The amount projected to the end of the period (current periods, when the provider offers projections).
    public var projected: Money?
    /// The plan that priced it, for a bill usagetop computed from a `config.toml` plan (nil: the provider's bill).
    public var plan: String?
    /// The plan's fixed fee for the period, included in `amount`.
    public var fee: Money?
    /// What the charges' minimum commitments added (`min_amount_cents` true-ups), included in `amount`.
    public var minimum: Money?

    /// Creates a bill.
    public init(
        period: Period, isInvoiced: Bool, amount: Money, taxes: Money? = nil, total: Money? = nil,
        projected: Money? = nil
    ) {
        self.period = period
        self.isInvoiced = isInvoiced
        self.amount = amount
        self.taxes = taxes
        self.total = total
        self.projected = projected
    }
}

extension Bill {
    /// One line: `current <period> · amount EUR 18.00 · taxes EUR 3.60 · total EUR 21.60 · projected EUR 40.00`,
    /// with the period written as `period` says; a plan's bill of a calendar month says `plan starter 2026-11 ·
    /// amount EUR 99.00 (fee EUR 49.00, minimum EUR 20.75)`, the amount before its parts so a narrow screen keeps it.
    public func line(period written: String) -> String {
        if let plan {
            let month =
                Period.month(containing: period.start) == period ? String(UTCTime.iso(period.start).prefix(7)) : written
            let parts = [fee.map { "fee \($0.text)" }, minimum.map { "minimum \($0.text)" }].compactMap { $0 }
            return "plan \(plan) \(month) · amount \(amount.text)"
                + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
        }
        var parts = ["\(isInvoiced ? "invoiced" : "current") \(written)", "amount \(amount.text)"]
        if let taxes { parts.append("taxes \(taxes.text)") }
        if let total { parts.append("total \(total.text)") }
        if let projected { parts.append("projected \(projected.text)") }
        return parts.joined(separator: " · ")
    }
}

/// One customer's usage over a period: the totals and, when the provider prices usage, the bills behind them.
public struct UsageReport: Sendable, Hashable {
    /// Totals, one per metric or charge.
    public var totals: [UsageTotal]
    /// Bills per subscription and billing period, earliest first (empty for unpriced sources).
    public var bills: [Bill]
    /// A series per metric code, when the provider's answer already holds them (Lago's billing periods); nil
    /// when series are asked for separately.
    public var series: [String: TimeSeries]?

    /// Creates a report.
    public init(totals: [UsageTotal], bills: [Bill] = [], series: [String: TimeSeries]? = nil) {
        self.totals = totals
        self.bills = bills
        self.series = series
    }
}
