import Foundation
import UsageCore

/// What the effect runner reports back: a data service's answer to a `Request`, or the outcome of a side effect.
public enum Answer: Sendable {
    case source(Result<SourceInfo, UsageError>)
    case metrics(Result<[Metric], UsageError>)
    /// Some customers-table rows, with how many of how many are done (the full answer follows).
    case customersArriving(SummaryProgress)
    case customers(Result<[CustomerSummary], UsageError>)
    /// Every customer's total of a side-by-side metric.
    case sideTotals(metricCode: String, Result<[CustomerSummary], UsageError>)
    case usage(Result<CustomerUsage, UsageError>)
    case timeseries(metricCode: String, Result<TimeSeries, UsageError>)
    case events(Result<Page<UsageEvent>, UsageError>)
    /// Values by property, with event counts.
    case propertyValues(Result<[String: [BreakdownRow]], UsageError>)
    case breakdown(Result<BreakdownAnswer, UsageError>)
    case reconcile(Result<ReconcileReport, UsageError>)
    /// A metric's top customers.
    case board(metricCode: String, Result<Leaderboard, UsageError>)
    /// Recent activity for the alert rules.
    case activity(Result<[MetricActivity], UsageError>)
    /// A view was written to a file (its path), or could not be.
    case fileWritten(Result<String, UsageError>, summary: String)
    /// A theme was applied (nil), or could not be.
    case themeApplied(String, UsageError?)
    /// Another profile's data service is in place, or could not be opened.
    case profileOpened(String, Result<ProfileInfo, UsageError>)
}

extension Answer {
    /// Whether this answers work that was given up (`UsageError.Kind.cancelled`): dropped, never shown.
    var isGivenUp: Bool {
        let failure: UsageError? =
            switch self {
            case .source(let r): r.failure
            case .metrics(let r): r.failure
            case .customers(let r), .sideTotals(_, let r): r.failure
            case .usage(let r): r.failure
            case .timeseries(_, let r): r.failure
            case .events(let r): r.failure
            case .propertyValues(let r): r.failure
            case .breakdown(let r): r.failure
            case .reconcile(let r): r.failure
            case .board(_, let r): r.failure
            case .activity(let r): r.failure
            case .fileWritten(let r, _): r.failure
            case .profileOpened(_, let r): r.failure
            case .themeApplied(_, let problem): problem
            case .customersArriving: nil
            }
        return failure?.kind == .cancelled
    }
}

extension Result {
    /// The failure, if any.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// A feature's action type, which the one effect runner can hand an answer to.
public protocol Answering: Sendable {
    /// The action for `answer` to the request `id`.
    static func answered(_ id: RequestID?, _ answer: Answer) -> Self
}
