import Foundation
import UsageCore

extension ExportTable {
    /// A reconcile, a row per charge and billing period, the customers with the largest money difference first:
    /// `customer, name, subscription, metric, charge, period_start, period_end, event_units, billed_units,
    /// unit_difference, repriced, billed, difference, currency, agrees, cause` (amounts empty where unknown).
    public static func reconcile(_ report: ReconcileReport) -> ExportTable {
        let headers = [
            "customer", "name", "subscription", "metric", "charge", "period_start", "period_end", "event_units",
            "billed_units", "unit_difference", "repriced", "billed", "difference", "currency", "agrees", "cause",
        ]
        let cells = report.orderedLines.map { line -> [Cell] in
            let money = { (cents: Int?) -> Cell in
                .amounts(
                    cents.flatMap { value in line.currency.map { [Money(minorUnits: value, currency: $0)] } } ?? [])
            }
            return [
                .text(line.customer.id), .text(line.customer.name), .text(line.subscription), .text(line.metricCode),
                .text(line.charge), .text(UTCTime.iso(line.period.start)), .text(UTCTime.iso(line.period.end)),
                .number(line.eventUnits), .number(line.billedUnits), .number(line.unitDifference),
                money(line.repriced), money(line.billed), money(line.moneyDifference), .text(line.currency),
                .text(line.agrees ? "yes" : "no"), .text(line.causes.joined(separator: "; ")),
            ]
        }
        return ExportTable(
            noun: "charges", name: "reconcile", headers: headers, rows: cells,
            numeric: ["event_units", "billed_units", "unit_difference", "repriced", "billed", "difference"])
    }
}
