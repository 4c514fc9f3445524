import Foundation

extension LagoAccount {
    /// A page of `items` under `root` with Lago's pagination metadata.
    static func paged(_ items: [String], root: String, _ query: [String: String]) -> TestHTTPServer.Reply {
        let size = max(1, Int(query["per_page"] ?? "100") ?? 100), page = max(1, Int(query["page"] ?? "1") ?? 1)
        let pages = max(1, (items.count + size - 1) / size)
        let slice = items.dropFirst((page - 1) * size).prefix(size)
        let next = page < pages ? String(page + 1) : "null"
        return .init(
            body:
                #"{"\#(root)": [\#(slice.joined(separator: ", "))], "meta": {"current_page": \#(page), "next_page": \#(next), "total_pages": \#(pages), "total_count": \#(items.count)}}"#
        )
    }

    static func notFound(_ resource: String) -> TestHTTPServer.Reply {
        .init(status: .notFound, body: #"{"status": 404, "error": "Not Found", "code": "\#(resource)_not_found"}"#)
    }

    static func metricJSON(_ metric: Metric) -> String {
        #"{"lago_id": "bm_\#(metric.code)", "name": \#(quote(metric.code)), "code": \#(quote(metric.code)), "aggregation_type": "\#(metric.aggregation)", "field_name": \#(metric.field.map(quote) ?? "null"), "recurring": false}"#
    }

    static func valuesJSON(_ filter: [String: [String]]) -> String {
        "{"
            + filter.sorted { $0.key < $1.key }.map {
                "\(quote($0.key)): [\($0.value.map(quote).joined(separator: ", "))]"
            }
            .joined(separator: ", ") + "}"
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as it is.
    static func quote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20: quoted += String(format: "\\u%04x", scalar.value)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// A JSON number or a string holding one, as a decimal.
    static func number(_ json: String) -> Decimal? {
        Decimal(
            string: json.trimmingCharacters(in: CharacterSet(charactersIn: "\"")),
            locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `2026-11-05T10:00:00Z` (with milliseconds when `fraction`).
    public static func iso(_ date: Date, fraction: Bool = false) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
