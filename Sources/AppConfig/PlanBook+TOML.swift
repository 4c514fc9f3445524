import TOMLKit
import UsageCore

extension PlanBook {
    /// Reads the `plans` array at `path`; a plan's mistake names its key, a customer in two plans or two plans for
    /// everyone is refused.
    static func read(_ value: (any TOMLValueConvertible)?, at path: String) throws(UsageError) -> PlanBook {
        var plans = PlanBook()
        for (index, item) in (value?.array ?? []).enumerated() {
            let at = "\(path)[\(index + 1)]"
            let json = TOMLJSON.value(item)
            let plan = try PricePlan(lago: json, at: at)
            let customers = json["customers"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if customers.isEmpty {
                if let other = plans.standard {
                    throw UsageError(
                        .invalidInput, "\(at): plans \(other.code) and \(plan.code) both list no customers; one may")
                }
                plans.standard = plan
            }
            for customer in customers {
                if let other = plans.byCustomer[customer] {
                    throw UsageError(
                        .invalidInput, "\(at): customer \(customer) is in plans \(other.code) and \(plan.code)")
                }
                plans.byCustomer[customer] = plan
            }
        }
        return plans
    }
}

/// A TOML value as the JSON value Lago's readers take: texts, numbers as written, tables in key order.
enum TOMLJSON {
    static func value(_ value: any TOMLValueConvertible) -> JSONValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .number(String(value.int ?? 0))
        case .double: return .number(value.double.map { "\($0)" } ?? "0")
        case .bool: return .bool(value.bool ?? false)
        case .array: return .array((value.array ?? []).map { Self.value($0) })
        case .table:
            guard let table = value.table else { return .null }
            return .object(table.keys.sorted().compactMap { key in table[key].map { (key, Self.value($0)) } })
        default: return .string(String(describing: value))
        }
    }
}
