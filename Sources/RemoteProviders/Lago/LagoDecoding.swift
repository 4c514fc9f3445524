import Foundation
import UsageCore

/// Lenient decoding of Lago responses into domain values (client fixtures drift from the server: numbers as
/// strings or numbers, `sum` or `sum_agg`, `invoice_id` or `lago_invoice_id`).
enum LagoDecoding {
    /// One charge's usage within one subscription's usage: what Lago bills as one fee.
    struct ChargeUsage: Sendable, Hashable {
        /// The charge's billable metric, as the usage names it (it may be missing from the metric list).
        var metric: Metric
        /// The charge's invoice display name, else its code, else its charge model.
        var charge: String?
        /// The charge's `lago_id` (else its code): two charges may share a name.
        var chargeID: String?
        var units: Decimal
        var eventsCount: Int?
        var amountCents: Int?
        /// The charge's own split of the usage: per filter (`values`), per group (`grouped_by`), and per filter
        /// within a group.
        var splits: [Split] = []

        /// The metric's value over the charge's events when the charge bills something else: Lago adds up its
        /// filters' (or groups') units, which for a max metric is a sum of maxima; the largest of them is the
        /// metric's. Nil when `units` is the metric's value.
        func eventsValue(_ aggregation: Aggregation) -> Decimal? {
            guard aggregation == .max else { return nil }
            let parts = splits.filter { !$0.isInsideGroup }
            return parts.isEmpty ? nil : parts.map(\.units).max()
        }
    }

    /// One part of a charge's usage that Lago bills separately: the property values that define it and its numbers.
    struct Split: Sendable, Hashable {
        /// Key → value (`region` → `eu`); a filter that lists several values joins them with `, `. Empty for the
        /// events no filter matched (Lago's default bucket, `values: null`).
        var values: [String: String]
        var units: Decimal
        var eventsCount: Int?
        var amountCents: Int?
        /// What kind of part: a filter, a group, or a filter inside a group.
        var kind: Kind = .filter

        /// The kinds of part.
        enum Kind: Sendable, Hashable { case filter, group, filterInGroup }

        /// Whether the part is a filter inside a group (its group's units hold it already).
        var isInsideGroup: Bool { kind == .filterInGroup }
    }

    /// `filters` and `grouped_usage` of a charge usage (and the filters inside each group).
    static func splits(_ charge: JSONValue) -> [Split] {
        func values(_ object: JSONValue?) -> [String: String] {
            guard case .object(let fields)? = object else { return [:] }
            var result: [String: String] = [:]
            for (key, value) in fields {
                let texts = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                if !texts.isEmpty { result[key] = texts.joined(separator: ", ") }
            }
            return result
        }
        func split(_ item: JSONValue, _ base: [String: String], _ key: String, _ kind: Split.Kind) -> Split {
            Split(
                values: base.merging(values(item[key])) { a, _ in a }, units: item["units"]?.decimalValue ?? 0,
                eventsCount: item["events_count"]?.intValue, amountCents: item["amount_cents"]?.intValue, kind: kind)
        }
        // Every filter, the default bucket (`values: null`: the events no filter matched) included: together they
        // hold all of the charge's units.
        var result = (charge["filters"]?.arrayValue ?? []).map { split($0, [:], "values", .filter) }
        for group in charge["grouped_usage"]?.arrayValue ?? [] {
            let grouped = split(group, [:], "grouped_by", .group)
            result.append(grouped)
            result += (group["filters"]?.arrayValue ?? []).map { split($0, grouped.values, "values", .filterInGroup) }
        }
        return result
    }

    /// A usage document (`customer_usage` or one `usage_periods` item): one subscription's billing period.
    struct Usage: Sendable, Hashable {
        /// The billing period, half-open (Lago's `to_datetime` is the period's last second, inclusive).
        var period: Period?
        var currency: String?
        var charges: [ChargeUsage]
        var amountCents: Int?
        var taxesAmountCents: Int?
        var totalAmountCents: Int?
        /// Whether Lago invoiced the period (`lago_invoice_id` set: a past period).
        var isInvoiced = false
        /// The subscription the period belongs to (set by the reader).
        var subscription = ""
    }

    /// The next page number from `meta`, nil on the last page (Lago uses null; some clients 0).
    static func nextPage(_ document: JSONValue) -> Int? {
        guard let next = document["meta"]?["next_page"]?.intValue, next > 0 else { return nil }
        return next
    }

    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["external_id"].nonEmptyText else { return nil }
        let person = [item["firstname"].nonEmptyText, item["lastname"].nonEmptyText].compactMap { $0 }.joined(
            separator: " ")
        let name = item["name"].nonEmptyText ?? item["legal_name"].nonEmptyText ?? (person.isEmpty ? id : person)
        return Customer(id: id, name: name, currency: item["currency"].nonEmptyText)
    }

    static func metric(_ item: JSONValue) -> Metric? {
        guard let code = item["code"].nonEmptyText else { return nil }
        let kind = aggregation(item["aggregation_type"]?.stringValue)
        return Metric(
            code: code, name: item["name"].nonEmptyText ?? code, aggregation: kind,
            field: kind.needsField ? item["field_name"].nonEmptyText : nil, unit: nil,
            notFromEvents: notFromEvents(item, kind))
    }

    /// Why Lago's units for a metric are more than its events add up to (`BillableMetrics::Aggregations` and
    /// `Events::Stores::Postgres::UniqueCountQuery` in lago-api), or nil.
    static func notFromEvents(_ item: JSONValue, _ kind: Aggregation) -> String? {
        if item["recurring"] == .bool(true) {
            return "a recurring metric (Lago carries its units over from past periods)"
        }
        if item["expression"].nonEmptyText != nil {
            return "its units come from an expression Lago evaluates per event"
        }
        if item["rounding_function"].nonEmptyText != nil { return "Lago rounds its units" }
        if kind == .uniqueCount {
            return "Lago's unique counts take a value back on an event with operation_type remove"
        }
        return nil
    }

    /// `count_agg`/`count` → count, `weighted_sum_agg` → weighted sum, `latest_agg` → latest, `custom_agg` →
    /// custom, …; an unknown type reads as custom (the provider computes it; its name is not a sum).
    static func aggregation(_ text: String?) -> Aggregation {
        switch text?.replacingOccurrences(of: "_agg", with: "") {
        case "count": .count
        case "sum": .sum
        case "max": .max
        case "unique_count": .uniqueCount
        case "weighted_sum": .weightedSum
        case "latest": .latest
        default: .custom
        }
    }

    static func usage(_ document: JSONValue) -> Usage {
        let charges = (document["charges_usage"]?.arrayValue ?? []).compactMap { charge -> ChargeUsage? in
            guard let metricJSON = charge["billable_metric"], let metric = Self.metric(metricJSON) else { return nil }
            let name =
                charge["charge"]?["invoice_display_name"].nonEmptyText ?? charge["charge"]?["code"].nonEmptyText
                ?? charge["charge"]?["charge_model"].nonEmptyText
            return ChargeUsage(
                metric: metric, charge: name,
                chargeID: charge["charge"]?["lago_id"].nonEmptyText ?? charge["charge"]?["code"].nonEmptyText,
                units: charge["units"]?.decimalValue ?? 0,
                eventsCount: charge["events_count"]?.intValue, amountCents: charge["amount_cents"]?.intValue,
                splits: splits(charge))
        }
        // The document's currency is optional in Lago's spec; every charge carries its own `amount_currency`.
        let currency =
            document["currency"].nonEmptyText
            ?? (document["charges_usage"]?.arrayValue ?? []).lazy.compactMap { $0["amount_currency"].nonEmptyText }
            .first
        let from = document["from_datetime"]?.stringValue.flatMap(ISO8601Parser.parse)
        let to = document["to_datetime"]?.stringValue.flatMap(ISO8601Parser.parse)
        var period: Period?
        if let from, let to, to >= from { period = Period(start: from, end: inclusiveEnd(to)) }
        return Usage(
            period: period, currency: currency, charges: charges,
            amountCents: document["amount_cents"]?.intValue, taxesAmountCents: document["taxes_amount_cents"]?.intValue,
            totalAmountCents: document["total_amount_cents"]?.intValue,
            isInvoiced: document["lago_invoice_id"].nonEmptyText != nil || document["invoice_id"].nonEmptyText != nil)
    }

    /// Lago's inclusive period end (`…T23:59:59Z`) as a half-open end (the next second); an end already on a
    /// whole day stays.
    static func inclusiveEnd(_ to: Date) -> Date {
        UTCTime.startOfDay(to) == to ? to : to.addingTimeInterval(1).rounded(toSeconds: 1)
    }

    /// An event of `GET /events`, or why it cannot be read.
    static func event(_ item: JSONValue, customerID: String) -> Result<UsageEvent, UsageEvent.Unreadable> {
        UsageEvent.reading(
            id: item["transaction_id"], code: item["code"].nonEmptyText, timestamp: item["timestamp"],
            customerID: customerID,
            properties: item["properties"], subscriptionID: item["external_subscription_id"].nonEmptyText)
    }
}

extension Date {
    /// The date floored to a whole number of `seconds` since 1970.
    fileprivate func rounded(toSeconds seconds: Double) -> Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }
}
