import Foundation
import UsageCore

/// Lenient decoding of Lago responses into domain values (client fixtures drift from the server: numbers as
/// strings or numbers, `sum` or `sum_agg`, `invoice_id` or `lago_invoice_id`).
enum LagoDecoding {
    /// One charge's usage within one subscription's usage.
    struct ChargeUsage: Sendable, Hashable {
        var metric: Metric
        var units: Decimal
        var eventsCount: Int?
        var amountCents: Int?
    }

    /// A usage document (`customer_usage` or one `usage_periods` item).
    struct Usage: Sendable, Hashable {
        var from: Date?
        var to: Date?
        var currency: String?
        var charges: [ChargeUsage]
    }

    /// The next page number from `meta`, nil on the last page (Lago uses null; some clients 0).
    static func nextPage(_ document: JSONValue) -> Int? {
        guard let next = document["meta"]?["next_page"]?.intValue, next > 0 else { return nil }
        return next
    }

    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["external_id"].nonEmptyText else { return nil }
        let person = [item["firstname"].nonEmptyText, item["lastname"].nonEmptyText].compactMap { $0 }.joined(separator: " ")
        let name = item["name"].nonEmptyText ?? item["legal_name"].nonEmptyText ?? (person.isEmpty ? id : person)
        return Customer(id: id, name: name, currency: item["currency"].nonEmptyText)
    }

    static func metric(_ item: JSONValue) -> Metric? {
        guard let code = item["code"].nonEmptyText else { return nil }
        let kind = aggregation(item["aggregation_type"]?.stringValue)
        return Metric(code: code, name: item["name"].nonEmptyText ?? code, aggregation: kind,
                      field: kind.needsField ? item["field_name"].nonEmptyText : nil, unit: nil)
    }

    /// `count_agg`/`count` → count, … ; weighted, latest and custom aggregations read as sums of units.
    static func aggregation(_ text: String?) -> Aggregation {
        switch text?.replacingOccurrences(of: "_agg", with: "") {
        case "count": .count
        case "max": .max
        case "unique_count": .uniqueCount
        default: .sum
        }
    }

    static func usage(_ document: JSONValue) -> Usage {
        let charges = (document["charges_usage"]?.arrayValue ?? []).compactMap { charge -> ChargeUsage? in
            guard let metricJSON = charge["billable_metric"], let metric = Self.metric(metricJSON) else { return nil }
            return ChargeUsage(
                metric: metric, units: charge["units"]?.decimalValue ?? 0, eventsCount: charge["events_count"]?.intValue,
                amountCents: charge["amount_cents"]?.intValue)
        }
        return Usage(
            from: document["from_datetime"]?.stringValue.flatMap(ISO8601Parser.parse),
            to: document["to_datetime"]?.stringValue.flatMap(ISO8601Parser.parse),
            currency: document["currency"].nonEmptyText, charges: charges)
    }

    /// Charges merged per metric code: units, event counts and amounts added.
    static func merge(_ usages: [Usage]) -> [String: (units: Decimal, events: Int?, cents: Int?, currency: String?)] {
        var merged: [String: (units: Decimal, events: Int?, cents: Int?, currency: String?)] = [:]
        for usage in usages {
            for charge in usage.charges {
                var entry = merged[charge.metric.code] ?? (0, nil, nil, usage.currency)
                entry.units += charge.units
                if let events = charge.eventsCount { entry.events = (entry.events ?? 0) + events }
                if let cents = charge.amountCents { entry.cents = (entry.cents ?? 0) + cents }
                merged[charge.metric.code] = entry
            }
        }
        return merged
    }

    static func event(_ item: JSONValue, customerID: String) -> UsageEvent? {
        guard let id = item["transaction_id"].nonEmptyText, let code = item["code"].nonEmptyText,
              let raw = item["timestamp"], let timestamp = raw.stringValue.flatMap(ISO8601Parser.parse)
                ?? ISO8601Parser.parseTimestamp(raw)
        else { return nil }
        return UsageEvent(transactionID: id, customerID: customerID, metricCode: code, timestamp: timestamp,
                          properties: item["properties"] ?? .object([]))
    }
}
