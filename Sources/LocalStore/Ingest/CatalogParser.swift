import Foundation
import UsageCore

/// Parses `metrics.json` and `customers.json` with one clear reason per problem.
public enum CatalogParser {
    /// Parses `[{"code","name","aggregation","field","unit"}]`.
    public static func metrics(from data: Data, source: String) throws(UsageError) -> [Metric] {
        let items = try array(data, source: source)
        var result: [Metric] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let at = "\(source) item \(index + 1)"
            guard let code = nonEmpty(item["code"]) else { throw UsageError(.invalidInput, "\(at): missing \"code\"") }
            guard seen.insert(code).inserted else { throw UsageError(.invalidInput, "\(at): duplicate code '\(code)'") }
            let raw = item["aggregation"]?.stringValue ?? ""
            guard let aggregation = Aggregation(rawValue: raw) else {
                throw UsageError(.invalidInput, "\(at): aggregation '\(raw)' is not count, sum, max or unique_count")
            }
            let field = nonEmpty(item["field"])
            if aggregation.needsField && field == nil {
                throw UsageError(.invalidInput, "\(at): aggregation \(raw) needs a \"field\"")
            }
            result.append(
                Metric(
                    code: code, name: nonEmpty(item["name"]) ?? code, aggregation: aggregation,
                    field: aggregation.needsField ? field : nil, unit: nonEmpty(item["unit"])))
        }
        return result
    }

    /// Parses `[{"id","name","currency"?}]`.
    public static func customers(from data: Data, source: String) throws(UsageError) -> [Customer] {
        try array(data, source: source).enumerated().map { (index, item) throws(UsageError) in
            guard let id = nonEmpty(item["id"]) else {
                throw UsageError(.invalidInput, "\(source) item \(index + 1): missing \"id\"")
            }
            return Customer(id: id, name: nonEmpty(item["name"]) ?? id, currency: nonEmpty(item["currency"]))
        }
    }

    private static func array(_ data: Data, source: String) throws(UsageError) -> [JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: Array(data))
        } catch {
            throw UsageError(.invalidInput, "\(source): \(error)")
        }
        guard case .array(let items) = value else { throw UsageError(.invalidInput, "\(source): expected a JSON array") }
        return items
    }

    private static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue, !s.isEmpty else { return nil }
        return s
    }
}
