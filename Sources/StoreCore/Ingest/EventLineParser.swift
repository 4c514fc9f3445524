import Foundation
import UsageCore

/// Turns one line of Lago-shaped JSON into a `NewEvent`, or says exactly what is wrong with it.
package struct EventLineParser {
    /// Metrics known to the store or the metrics file, by code.
    package var metrics: [String: Metric]

    /// A parser for events of `metrics`.
    package init(metrics: [String: Metric]) {
        self.metrics = metrics
    }

    private typealias Reason = IngestReport.Rejection.Reason

    /// Parses a line; the error text is the reason shown to the user.
    package func parse(_ line: [UInt8]) -> Result<NewEvent, IngestReport.Rejection.Reason> {
        let value: JSONValue, propertiesSpan: Range<Int>?
        do {
            (value, propertiesSpan) = try JSONParser.parse(bytes: line, spanOf: "properties")
        } catch {
            return .failure(.init(text: "\(error)"))
        }
        guard case .object = value else { return .failure(.init(text: "expected a JSON object")) }
        let transactionID: String, customerID: String, code: String
        switch (key(value, "transaction_id"), key(value, "external_customer_id"), key(value, "code")) {
        case (.success(let t), .success(let c), .success(let m)): (transactionID, customerID, code) = (t, c, m)
        case (.failure(let reason), _, _), (_, .failure(let reason), _), (_, _, .failure(let reason)):
            return .failure(reason)
        }
        guard let metric = metrics[code] else {
            return .failure(.init(text: "unknown metric code '\(code)' (define it with --metrics)"))
        }
        guard let rawTimestamp = value["timestamp"] else { return .failure(.init(text: "missing \"timestamp\"")) }
        let timestampMs: Int64
        switch EventTime.milliseconds(from: rawTimestamp) {
        case .success(let milliseconds): timestampMs = milliseconds
        case .failure(let rejection): return .failure(.init(text: rejection.reason))
        }
        var properties = value["properties"] ?? .object([])
        guard case .object = properties else { return .failure(.init(text: "\"properties\" must be an object")) }
        var note: String?
        if properties.holdsNUL {  // PostgreSQL's jsonb cannot hold U+0000: both stores keep it as text
            properties = properties.withNULsAsText
            note = "properties hold a NUL character (U+0000): kept as the text \\u0000"
        }
        let subscriptionID: String
        switch value["external_subscription_id"] {
        case nil, .null?: subscriptionID = ""
        default:
            switch key(value, "external_subscription_id") {
            case .success(let id): subscriptionID = id
            case .failure(let reason): return .failure(reason)
            }
        }
        // The properties text as `JSONWriter.compact` writes it, made from the line's bytes where they allow.
        let propertiesJSON =
            note == nil
            ? propertiesSpan.flatMap { JSONWriter.compact(plainJSON: line[$0]) } ?? JSONWriter.compact(properties)
            : JSONWriter.compact(properties)
        return extractedValue(properties, metric: metric).map { extracted, number in
            var event = NewEvent(
                transactionID: transactionID, customerID: customerID, metricCode: code, aggregation: metric.aggregation,
                timestampMs: timestampMs, value: extracted, propertiesJSON: propertiesJSON, number: number)
            event.subscriptionID = subscriptionID
            event.note = note
            return event
        }
    }

    /// The metric's field from `properties`: the distinct key (unique_count) or the exact number (sum, max).
    private func extractedValue(_ properties: JSONValue, metric: Metric) -> Result<(String?, ScaledValue?), Reason> {
        guard let field = metric.field, metric.aggregation.needsField else { return .success((nil, nil)) }
        guard let fieldValue = properties[field], fieldValue != .null else {
            return .failure(.init(text: "properties.\(field) is missing (metric '\(metric.code)' uses it)"))
        }
        if metric.aggregation == .uniqueCount { return .success((fieldValue.distinctKey, nil)) }
        // Plain decimal text (nearly every value) is read and checked with integer arithmetic.
        if let text = Self.numberText(fieldValue), let number = ScaledValue(text), StoredText.accepts(number) {
            return .success((text, number))
        }
        guard let number = fieldValue.decimalValue else {
            if case .number(let raw) = fieldValue {  // valid JSON, beyond what a decimal holds
                return .failure(
                    .init(text: "properties.\(field) = \(raw) is out of range (values must be below 10^18)"))
            }
            return .failure(.init(text: "properties.\(field) is not a number: \(JSONWriter.compact(fieldValue))"))
        }
        if let problem = StoredText.numberProblem(number) {
            return .failure(.init(text: "properties.\(field) = \(JSONWriter.compact(fieldValue)) \(problem)"))
        }
        return .success((Self.numberText(fieldValue), ScaledValue(number)))
    }

    /// The number as written when it is plain JSON number text, else the trimmed string (both parse exactly).
    private static func numberText(_ value: JSONValue) -> String? {
        switch value {
        case .number(let raw): raw
        case .string(let s): s.trimmingCharacters(in: .whitespaces)
        default: nil
        }
    }

    /// A required id or code: a non-empty string (or a number's text) without control characters.
    private func key(_ object: JSONValue, _ name: String) -> Result<String, Reason> {
        let text: String
        switch object[name] {
        case .string(let s) where !s.isEmpty: text = s
        case .number(let raw): text = raw
        default: return .failure(.init(text: "missing \"\(name)\""))
        }
        if let problem = StoredText.keyProblem(text) { return .failure(.init(text: "\"\(name)\" \(problem)")) }
        return .success(text)
    }
}
