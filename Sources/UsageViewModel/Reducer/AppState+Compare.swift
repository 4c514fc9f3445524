import Foundation
import UsageCore

extension AppState {
    /// Shows the change column against `comparison` (nil: hides it), loading the comparison period's totals; the
    /// table sorts by the change while it compares, by total again when it stops.
    mutating func compare(with comparison: Comparison?) -> [Effect] {
        customers.comparison = comparison
        customers.setPreviousTotals(nil)
        if comparison == nil, customers.sortColumn == .change {
            customers.sort(by: .total, descending: true)
        } else if comparison != nil, customers.sortColumn != .change {
            customers.sort(by: .change, descending: true)
        }
        message = StatusMessage(
            comparison.map { "compared \($0.label(of: period)): c for another, :compare off" } ?? "comparison off",
            .info)
        return loadComparison()
    }

    /// Opens with the change column against `comparison` (`--compare`); its totals load with the table's rows.
    public mutating func compareAtStart(with comparison: Comparison) {
        customers.comparison = comparison
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
        guard let comparison = customers.comparison, let metric else { return effects }
        let id = requests.issue()
        customers.compareRequest = id
        effects.append(.load(id, .sideTotals(metric: metric, period: comparison.period(of: period, now: now))))
        return effects
    }
}
