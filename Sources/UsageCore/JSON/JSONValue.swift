import Foundation

/// A JSON value that keeps numbers as their exact text and objects in source order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written (e.g. `0.1`), so decimals stay exact.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order.
    case object([(String, JSONValue)])

    /// The member named `key` of an object, if any.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string content, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The items, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// An integer from a number (`12`, `12.0`) or numeric string; nil otherwise or when fractional.
    public var intValue: Int? {
        guard let decimal = decimalValue, decimal == decimal.rounded(0), abs(decimal) < 1e18 else { return nil }
        return NSDecimalNumber(decimal: decimal).intValue
    }

    /// The exact decimal for a number or a numeric string.
    public var decimalValue: Decimal? {
        switch self {
        case .number(let raw): return DecimalText.parse(raw)
        case .string(let s): return DecimalText.parse(s)
        default: return nil
        }
    }

    /// A canonical text for distinct counting: strings as-is, numbers normalised exactly (`1.50` and `1.5` are one
    /// value; two numbers that differ in the 20th place are two), others as JSON.
    public var distinctKey: String {
        switch self {
        case .string(let s): return s
        case .number(let raw): return DecimalText.parse(raw).map(\.description) ?? raw
        default: return JSONWriter.compact(self)
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(JSONWriter.compact(self))
    }
}
