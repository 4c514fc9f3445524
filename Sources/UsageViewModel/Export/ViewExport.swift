import Foundation
import UsageCore

/// What the current view shows, as CSV or JSON text: copied with `y` (OSC 52) or written to a file with `w` and
/// `:export`. Values are exact (no grouping or rounding), as in headless output.
public struct ViewExport: Sendable, Hashable {
    /// The text, ending in a newline.
    public var text: String
    /// What it holds, for the status line (`14 customers`).
    public var summary: String
    /// A file name stem (`customers-api_calls`).
    public var name: String

    /// The current view of `state` as `format`; nil when it has nothing loaded.
    public static func of(_ state: AppState, as format: ExportFormat) -> ViewExport? {
        let table: ExportTable?
        switch state.stack.last {
        case nil: table = customers(state)
        case .customerUsage(let usage): table = totals(usage)
        case .timeseries(let chart): table = series(chart)
        case .events(let events): table = events.page.map { page(events, $0) }
        case .breakdown(let split): table = breakdown(split)
        }
        guard let table else { return nil }
        return ViewExport(text: table.text(format), summary: "\(table.rows.count) \(table.noun)", name: table.name)
    }

    private static func customers(_ state: AppState) -> ExportTable? {
        guard let metric = state.metric, !state.customers.rows.isEmpty else { return nil }
        let rows = state.customers.visible.map { state.customers.rows[$0].summary }.map { row -> [ExportTable.Cell] in
            let money = row.amounts.count == 1 ? row.amounts.first : nil
            return [.text(row.customer.id), .text(row.customer.name), .number(row.total), .optionalInt(money?.minorUnits),
                    .text(money?.currency), .text(row.lastEventAt.map(UTCTime.iso))]
        }
        return ExportTable(
            noun: "customers", name: "customers-\(metric.code)",
            headers: ["id", "name", metric.code, "amount_cents", "currency", "last_event_at"], rows: rows)
    }

    private static func totals(_ state: CustomerUsageState) -> ExportTable? {
        guard let usage = state.usage else { return nil }
        let rows = usage.totals.map { total -> [ExportTable.Cell] in
            [.text(total.metric.code), .text(total.metric.name), .text(total.charge), .number(total.value),
             .text(total.metric.unit), .optionalInt(total.eventCount), .optionalInt(total.amount?.minorUnits),
             .text(total.amount?.currency), .text(total.period.map { UTCTime.iso($0.start) }),
             .text(total.period.map { UTCTime.iso($0.end) })]
        }
        return ExportTable(
            noun: "metrics", name: "usage-\(state.customerID)",
            headers: ["metric", "name", "charge", "total", "unit", "events", "amount_cents", "currency", "period_start",
                      "period_end"], rows: rows)
    }

    private static func series(_ chart: TimeseriesState) -> ExportTable? {
        guard let series = chart.series else { return nil }
        let rows = series.points.map { point -> [ExportTable.Cell] in
            [.text(UTCTime.iso(point.start)), .text(UTCTime.iso(point.end ?? series.bucket.advance(point.start))),
             .number(point.value)]
        }
        return ExportTable(noun: "buckets", name: "series-\(chart.metric.code)-\(chart.customerID ?? "all")",
                           headers: ["start", "end", "value"], rows: rows)
    }

    private static func page(_ events: EventsState, _ page: Page<UsageEvent>) -> ExportTable {
        let subscribed = page.items.contains { $0.subscriptionID != nil }
        let rows = page.items.map { event -> [ExportTable.Cell] in
            [.text(event.transactionID), .text(UTCTime.iso(event.timestamp)), .text(event.customerID)]
                + (subscribed ? [.text(event.subscriptionID)] : []) + [.text(event.metricCode), .json(event.properties)]
        }
        return ExportTable(
            noun: "events", name: "events-\(events.customerID)-\(events.metric.code)",
            headers: ["transaction_id", "timestamp", "external_customer_id"] + (subscribed ? ["external_subscription_id"] : [])
                + ["code", "properties"],
            rows: rows)
    }

    private static func breakdown(_ split: BreakdownState) -> ExportTable? {
        guard let rows = split.rows, let key = split.key else { return nil }
        return ExportTable(
            noun: "values", name: "breakdown-\(split.customerID)-\(split.metric.code)-\(key)",
            headers: [key, "total", "events"],
            rows: rows.map { [.text($0.value), .number($0.total), .optionalInt($0.events)] })
    }
}

/// How a view is exported.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case csv, json
}
