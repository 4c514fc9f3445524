import Foundation
import UsageCore

/// The table of each answer a view shows and a headless command prints. A column that would be empty on every row
/// (`subscription` where no row has one, `amount` where nothing is priced, periods where every row answers the
/// period asked) is left out, the same way on both paths.
extension ExportTable {
    /// Customers with one metric's total: `id, name, [subscription], <metric>, [previous, change], last_event_at,
    /// [amount, currency], [periods]`, periods when a row answers other periods than `requested` (each row then
    /// names its own); `previous` and `change` when compared with another period's totals (`previous`, by id).
    public static func customers(
        _ rows: [CustomerSummary], metric: Metric, requested: Period, previous: [String: Decimal]? = nil
    ) -> ExportTable {
        let split = rows.contains { $0.subscription != nil }, priced = rows.contains { !$0.amounts.isEmpty }
        let other = rows.contains { !$0.periods.isEmpty }
        let headers =
            ["id", "name"] + (split ? ["subscription"] : []) + [metric.code]
            + (previous == nil ? [] : ["previous", "change"]) + ["last_event_at"]
            + (priced ? ["amount", "currency"] : []) + (other ? ["periods"] : [])
        let cells = rows.map { row -> [Cell] in
            var cells: [Cell] = [.text(row.customer.id), .text(row.customer.name)]
            if split { cells.append(.text(row.subscription)) }
            cells.append(.number(row.total))
            if let before = previous.map({ $0[row.customer.id] ?? 0 }) {
                cells += [.number(before), .number(row.total - before)]
            }
            cells.append(.text(row.lastEventAt.map(UTCTime.iso)))
            if priced {
                cells += [.amounts(row.amounts), .text(row.amounts.map(\.currency).joined(separator: " + "))]
            }
            if other { cells.append(.periods(row.periods.isEmpty ? [requested] : row.periods)) }
            return cells
        }
        return ExportTable(
            noun: "customers", name: "customers-\(metric.code)", headers: headers, rows: cells,
            numeric: [metric.code, "previous", "change", "amount"])
    }

    /// One customer's totals, a row per metric or charge: `metric, name, total, unit, events, [amount, currency],
    /// [period_start, period_end], [previous, change]`; the name says the charge, subscription and who billed it;
    /// `previous` is the same customer's totals over the period compared with.
    public static func usage(
        _ totals: [UsageTotal], customerID: String, requested: Period, previous: [UsageTotal]? = nil
    ) -> ExportTable {
        let priced = totals.contains { $0.amount != nil }, other = totals.contains { $0.period != nil }
        let headers =
            ["metric", "name", "total", "unit", "events"] + (priced ? ["amount", "currency"] : [])
            + (other ? ["period_start", "period_end"] : []) + (previous == nil ? [] : ["previous", "change"])
        let cells = totals.map { total -> [Cell] in
            let answered = total.period ?? requested
            return [
                .text(total.metric.code), .text(total.label), .number(total.value), .text(total.metric.unit),
                .optionalInt(total.eventCount),
            ]
                + (priced ? [.amounts(total.amount.map { [$0] } ?? []), .text(total.amount?.currency)] : [])
                + (other ? [.text(UTCTime.iso(answered.start)), .text(UTCTime.iso(answered.end))] : [])
                + (previous.map {
                    [.number(total.counterpart(in: $0)), .number(total.value - total.counterpart(in: $0))]
                }
                    ?? [])
        }
        return ExportTable(
            noun: "metrics", name: "usage-\(customerID)", headers: headers, rows: cells,
            numeric: ["total", "events", "amount", "previous", "change"])
    }

    /// A series, a row per bucket: `start, end, value, [amount, currency], [previous, change]` (half-open; a billing
    /// period's point ends where it ends; a bucket's amount is what it added to its billing month's charge, where a
    /// plan prices it; `previous` is the bucket as far into the series compared with, empty where it has none).
    public static func series(_ series: TimeSeries, customerID: String?, previous: TimeSeries? = nil) -> ExportTable {
        let priced = series.points.contains { $0.amount != nil }
        let cells = series.points.enumerated().map { index, point -> [Cell] in
            let before = previous.flatMap { series.counterpart(of: index, in: $0) }
            return [
                .text(UTCTime.iso(point.start)), .text(UTCTime.iso(point.end ?? series.bucket.advance(point.start))),
                .number(point.value),
            ] + (priced ? [.amounts(point.amount.map { [$0] } ?? []), .text(point.amount?.currency)] : [])
                + (previous == nil
                    ? [] : before.map { [.number($0), .number(point.value - $0)] } ?? [.text(nil), .text(nil)])
        }
        return ExportTable(
            noun: "buckets", name: "series-\(series.metricCode)-\(customerID ?? "all")",
            headers: ["start", "end", "value"] + (priced ? ["amount", "currency"] : [])
                + (previous == nil ? [] : ["previous", "change"]), rows: cells,
            numeric: ["value", "amount", "previous", "change"])
    }

    /// A page of events in the shape `ingest` reads: `transaction_id, timestamp, external_customer_id,
    /// [external_subscription_id], code, properties`.
    public static func events(_ page: Page<UsageEvent>, customerID: String, metricCode: String) -> ExportTable {
        let subscribed = page.items.contains { $0.subscriptionID != nil }
        let cells = page.items.map { event -> [Cell] in
            [.text(event.transactionID), .text(UTCTime.iso(event.timestamp)), .text(event.customerID)]
                + (subscribed ? [.text(event.subscriptionID)] : []) + [
                    .text(event.metricCode), .json(event.properties),
                ]
        }
        return ExportTable(
            noun: "events", name: "events-\(customerID)-\(metricCode)",
            headers: ["transaction_id", "timestamp", "external_customer_id"]
                + (subscribed ? ["external_subscription_id"] : [])
                + ["code", "properties"],
            rows: cells)
    }

    /// A breakdown by `key`, a row per value: `<key>, events, <metric>, [amount, currency], [periods]`; the value
    /// reads as on screen (`us · tier=gold`, `(no filter matched)`, with the subscription when rows are per
    /// subscription).
    public static func breakdown(_ rows: [BreakdownRow], key: String, metric: Metric, customerID: String) -> ExportTable
    {
        let priced = rows.contains { $0.amount != nil }
        let periods = Set(rows.map(\.periods)), other = periods.count > 1
        let headers =
            [key, "events", metric.code] + (priced ? ["amount", "currency"] : []) + (other ? ["periods"] : [])
        let cells = rows.map { row -> [Cell] in
            [.text(row.text(by: key)), .optionalInt(row.events), .number(row.total)]
                + (priced ? [.amounts(row.amount.map { [$0] } ?? []), .text(row.amount?.currency)] : [])
                + (other ? [.periods(row.periods)] : [])
        }
        return ExportTable(
            noun: "values", name: "breakdown-\(customerID)-\(metric.code)-\(key)", headers: headers,
            rows: cells, numeric: ["events", metric.code, "amount"])
    }
}
