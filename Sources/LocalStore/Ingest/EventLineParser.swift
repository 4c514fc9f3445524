import Foundation
import UsageCore

/// Turns one line of Lago-shaped JSON into a `NewEvent`, or says exactly what is wrong with it.
struct EventLineParser {
    /// Metrics known to the store or the metrics file, by code.
    var metrics: [String: Metric]

    /// Parses a line; the error text is the reason shown to the user.
    func parse(_ line: [UInt8]) -> Result<NewEvent, IngestReport.Rejection.Reason> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: line)
        } catch {
            return .failure(.init(text: "\(error)"))
        }
        guard case .object = value else { return .failure(.init(text: "expected a JSON object")) }
        guard let transactionID = text(value["transaction_id"]) else { return .failure(.init(text: "missing \"transaction_id\"")) }
        guard let customerID = text(value["external_customer_id"]) else {
            return .failure(.init(text: "missing \"external_customer_id\""))
        }
        guard let code = text(value["code"]) else { return .failure(.init(text: "missing \"code\"")) }
        guard let metric = metrics[code] else {
            return .failure(.init(text: "unknown metric code '\(code)' (define it with --metrics)"))
        }
        guard let rawTimestamp = value["timestamp"] else { return .failure(.init(text: "missing \"timestamp\"")) }
        guard let timestamp = ISO8601Parser.parseTimestamp(rawTimestamp) else {
            return .failure(.init(text: "timestamp \(JSONWriter.compact(rawTimestamp)) is neither ISO-8601 nor unix seconds"))
        }
        let properties = value["properties"] ?? .object([])
        guard case .object = properties else { return .failure(.init(text: "\"properties\" must be an object")) }
        var extracted: String?
        var number: Decimal?
        if let field = metric.field, metric.aggregation.needsField {
            guard let fieldValue = properties[field], fieldValue != .null else {
                return .failure(.init(text: "properties.\(field) is missing (metric '\(code)' uses it)"))
            }
            if metric.aggregation == .uniqueCount {
                extracted = fieldValue.distinctKey
            } else {
                guard let parsed = fieldValue.decimalValue else {
                    return .failure(.init(text: "properties.\(field) is not a number: \(JSONWriter.compact(fieldValue))"))
                }
                number = parsed
                extracted = Self.numberText(fieldValue)
            }
        }
        return .success(
            NewEvent(
                transactionID: transactionID, customerID: customerID, metricCode: code, aggregation: metric.aggregation,
                timestampMs: UTCTime.milliseconds(timestamp), value: extracted,
                propertiesJSON: JSONWriter.compact(properties), number: number))
    }

    /// The number as written when it is plain JSON number text, else the trimmed string (both parse exactly).
    private static func numberText(_ value: JSONValue) -> String? {
        switch value {
        case .number(let raw): raw
        case .string(let s): s.trimmingCharacters(in: .whitespaces)
        default: nil
        }
    }

    private func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s) where !s.isEmpty: s
        case .number(let raw): raw
        default: nil
        }
    }
}
