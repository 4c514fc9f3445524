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
            if let problem = StoredText.keyProblem(code) {
                throw UsageError(.invalidInput, "\(at): \"code\" \(problem)")
            }
            let name = nonEmpty(item["name"]) ?? code
            if let problem = StoredText.nameProblem(name) {
                throw UsageError(.invalidInput, "\(at): \"name\" \(problem)")
            }
            guard seen.insert(code).inserted else { throw UsageError(.invalidInput, "\(at): duplicate code '\(code)'") }
            let raw = item["aggregation"]?.stringValue ?? ""
            guard let aggregation = Aggregation(rawValue: raw), Aggregation.computedLocally.contains(aggregation) else {
                throw UsageError(.invalidInput, "\(at): aggregation '\(raw)' is not count, sum, max or unique_count")
            }
            let field = nonEmpty(item["field"])
            if aggregation.needsField && field == nil {
                throw UsageError(.invalidInput, "\(at): aggregation \(raw) needs a \"field\"")
            }
            let unit = nonEmpty(item["unit"])
            if let problem = [field, unit].compactMap({ $0.flatMap(StoredText.nameProblem) }).first {
                throw UsageError(.invalidInput, "\(at): \"field\" or \"unit\" \(problem)")
            }
            result.append(
                Metric(
                    code: code, name: name, aggregation: aggregation, field: aggregation.needsField ? field : nil,
                    unit: unit))
        }
        return result
    }

    /// Parses `[{"id","name","currency"?}]`.
    public static func customers(from data: Data, source: String) throws(UsageError) -> [Customer] {
        try array(data, source: source).enumerated().map { (index, item) throws(UsageError) in
            let at = "\(source) item \(index + 1)"
            guard let id = nonEmpty(item["id"]) else { throw UsageError(.invalidInput, "\(at): missing \"id\"") }
            if let problem = StoredText.keyProblem(id) { throw UsageError(.invalidInput, "\(at): \"id\" \(problem)") }
            let name = nonEmpty(item["name"]) ?? id
            let currency = nonEmpty(item["currency"])
            if let problem = [name, currency].compactMap({ $0.flatMap(StoredText.nameProblem) }).first {
                throw UsageError(.invalidInput, "\(at): \"name\" or \"currency\" \(problem)")
            }
            return Customer(id: id, name: name, currency: currency)
        }
    }

    private static func array(_ data: Data, source: String) throws(UsageError) -> [JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(
                bytes: Array(data.starts(with: LineReader.byteOrderMark) ? data.dropFirst(3) : data))
        } catch {
            throw UsageError(.invalidInput, "\(source): \(error)")
        }
        guard case .array(let items) = value else {
            throw UsageError(.invalidInput, "\(source): expected a JSON array")
        }
        return items
    }

    private static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue, !s.isEmpty else { return nil }
        return s
    }
}
