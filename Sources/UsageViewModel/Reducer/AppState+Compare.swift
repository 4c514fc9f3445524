import Foundation
import UsageCore

extension AppState {
    /// Compares with `comparison` (nil: stops): the customers table's change column, sorted by the change while it
    /// compares (by total again when it stops), and the change of each total in a customer's usage and of the
    /// bucket under a chart's cursor, each loading what the period compared with holds.
    mutating func compare(with comparison: Comparison?) -> [Effect] {
        self.comparison = comparison
        customers.setPreviousTotals(nil)
        if comparison == nil, customers.sortColumn == .change {
            customers.sort(by: .total, descending: true)
        } else if comparison != nil, customers.sortColumn != .change {
            customers.sort(by: .change, descending: true)
        }
        message = StatusMessage(
            comparison.map { "compared \($0.label(of: period)): c for another, :compare off" } ?? "comparison off",
            .info)
        return loadComparison() + loadTopComparison()
    }

    /// Opens with the change column against `comparison` (`--compare`); its totals load with the table's rows.
    public mutating func compareAtStart(with comparison: Comparison) {
        self.comparison = comparison
        customers.sort(by: .change, descending: true)
    }

    /// `:compare previous|last-month|last-year|off`.
    mutating func compare(_ text: String) -> [Effect] {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "off" { return compare(with: nil) }
        guard let comparison = word.isEmpty ? .previous : Comparison(rawValue: word) else {
            message = StatusMessage("compare with: previous, last-month, last-year or off", .warning)
            return []
        }
        return compare(with: comparison)
    }

    /// Loads the comparison period's totals of the table's metric, unpriced, when the table compares (a load in
    /// flight for an older question is cancelled).
    mutating func loadComparison() -> [Effect] {
        var effects = customers.compareRequest.map { [Effect.cancel($0)] } ?? []
        customers.compareRequest = nil
        guard let comparison = comparison, let metric else { return effects }
        let id = requests.issue()
        customers.compareRequest = id
        effects.append(.load(id, .sideTotals(metric: metric, period: comparison.period(of: period, now: now))))
        return effects
    }

    /// Loads what the view on top compares with, when the dashboard compares: the customer's usage, or the chart,
    /// over the period compared with. A load in flight is cancelled; what was loaded stays while the same period is
    /// asked again (a refresh), and goes when another is.
    mutating func loadTopComparison() -> [Effect] {
        let compared = comparison.map { $0.period(of: period, now: now) }
        switch top {
        case .customerUsage(var usage)?:
            var effects = usage.compareRequest.map { [Effect.cancel($0)] } ?? []
            if usage.comparedPeriod != compared { (usage.previous, usage.comparedPeriod) = (nil, compared) }
            usage.compareRequest = compared.map { _ in requests.issue() }
            if let id = usage.compareRequest, let compared {
                effects.append(.load(id, .usage(customerID: usage.customerID, period: compared, bucket: bucket)))
            }
            top = .customerUsage(usage)
            return effects
        case .timeseries(var chart)?:
            var effects = chart.compareRequest.map { [Effect.cancel($0)] } ?? []
            if chart.comparedPeriod != compared { (chart.previous, chart.comparedPeriod) = (nil, compared) }
            chart.compareRequest = compared.map { _ in requests.issue() }
            if let id = chart.compareRequest, let compared {
                let request = Request.timeseries(
                    metric: chart.metric, customerID: chart.customerID, period: compared, bucket: bucket)
                effects.append(.load(id, request))
            }
            top = .timeseries(chart)
            return effects
        default:
            return []
        }
    }

    /// Lands the usage or chart of the period compared with in the view that asked for it (false when none did): a
    /// failure is said as a warning, the view keeps its own numbers.
    mutating func comparedArrived(
        _ id: RequestID?, usage: Result<CustomerUsage, UsageError>?, series: Result<TimeSeries, UsageError>?
    ) -> Bool {
        guard let id else { return false }
        for index in stack.indices.reversed() {
            switch stack[index] {
            case .customerUsage(var state) where state.compareRequest == id:
                state.compareRequest = nil
                state.previous = Self.compared(usage, into: &message)
                stack[index] = .customerUsage(state)
                return true
            case .timeseries(var state) where state.compareRequest == id:
                state.compareRequest = nil
                state.previous = Self.compared(series, into: &message)
                stack[index] = .timeseries(state)
                return true
            default:
                continue
            }
        }
        return false
    }

    private static func compared<Value>(_ result: Result<Value, UsageError>?, into message: inout StatusMessage?)
        -> Value?
    {
        switch result {
        case .success(let value)?: return value
        case .failure(let error)?:
            message = StatusMessage("compare: \(error.message)", .warning)
            return nil
        case nil: return nil
        }
    }
}
