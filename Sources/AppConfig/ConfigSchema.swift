import RemoteProviders
import TOMLKit
import UsageCore

/// Everything `config.toml` may hold, with each key's type and range, so that a mistake is named before it is
/// used: a value of the wrong type or out of range is an error that says which key and what it must be; a key
/// usagetop does not know is a warning (a typo such as `refersh` would otherwise be ignored without a word).
enum ConfigSchema {
    /// What one key holds.
    indirect enum Kind {
        case text
        case choice([String])
        case wholeNumber(ClosedRange<Int>)
        /// An integer, a float or a numeric string, read exactly (`ConfigNumber`).
        case number
        case boolean
        case table([String: Kind])
        /// A table whose keys are names the user chooses (`[profiles.NAME]`), each holding the given table.
        case namedTables([String: Kind])
        /// An array of tables (`[[alerts.limits]]`).
        case tables([String: Kind])
        /// A table of names the user chooses, each a text or a list of texts (`[keys]`: `refresh = ["r", "F5"]`).
        case textLists
        /// A list of texts (`customers = ["cus_1", "cus_2"]`).
        case texts
        /// A table whose keys are checked by the reader it is for (a charge's `properties`, read as Lago's).
        case freeform
    }

    /// One `[[alerts.limits]]` entry.
    static let limit: [String: Kind] = [
        "metric": .text, "customer": .text, "hour": .number, "day": .number, "level": .choice(["warn", "error"]),
    ]
    /// An `[alerts]` table, at the top or in a profile.
    static let alerts: [String: Kind] = [
        "baseline_factor": .number, "baseline_days": .wholeNumber(1...365), "minimum_baseline": .number,
        "limits": .tables(limit),
    ]
    /// One `[[plans.charges]]` entry: a charge in Lago's words (`properties` are read by `ChargeModel`).
    static let charge: [String: Kind] = [
        "metric": .text, "charge_model": .choice(ChargeModel.lagoNames), "properties": .freeform,
        "min_amount_cents": .wholeNumber(0...Int(Int32.max)),
        "filters": .tables(["values": .freeform, "properties": .freeform]),
    ]
    /// One `[[plans]]` entry: a price plan for sources without prices.
    static let plan: [String: Kind] = [
        "code": .text, "currency": .text, "amount_cents": .wholeNumber(0...Int(Int32.max)), "customers": .texts,
        "charges": .tables(charge),
    ]
    /// One `[profiles.NAME]` table.
    static let profile: [String: Kind] = [
        "provider": .choice(ProviderRegistry.sourceNames), "base_url": .text, "api_key_env": .text,
        "api_key_command": .text, "theme": .text, "refresh": .wholeNumber(Profile.refreshRange), "db": .text,
        "read_db": .text,
        "password_env": .text, "password_command": .text,
        "alerts": .table(alerts), "mouse": .boolean, "plans": .tables(plan),
    ]
    /// The whole file.
    static let file: [String: Kind] = [
        "profiles": .namedTables(profile), "alerts": .table(alerts), "keys": .textLists, "mouse": .boolean,
        "plans": .tables(plan), "week_start": .choice(WeekStart.allCases.map(\.rawValue)),
    ]

    /// Checks `table` against `schema`; unknown keys go to `warnings` by their dotted path.
    static func check(_ table: TOMLTable, _ schema: [String: Kind], at path: String, warnings: inout [String])
        throws(UsageError)
    {
        for key in table.keys.sorted() {
            let name = path.isEmpty ? key : path + "." + key
            guard let kind = schema[key] else {
                warnings.append("unknown key \(name) ignored")
                continue
            }
            if let value = table[key] { try check(value, kind, at: name, warnings: &warnings) }
        }
    }

    private static func check(
        _ value: any TOMLValueConvertible, _ kind: Kind, at name: String, warnings: inout [String]
    )
        throws(UsageError)
    {
        switch kind {
        case .text:
            guard value.type == .string else { throw mismatch(name, "text in quotes", value) }
        case .choice(let options):
            guard let text = value.string, options.contains(text) else {
                throw UsageError(
                    .invalidInput, "\(name) must be one of \(options.joined(separator: ", ")), not \(shown(value))")
            }
        case .wholeNumber(let range):
            guard let number = value.int else { throw mismatch(name, "a whole number", value) }
            guard range.contains(number) else {
                throw UsageError(
                    .invalidInput, "\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
            }
        case .number:
            let numeric = value.type == .int || value.type == .double || value.string.flatMap(DecimalText.parse) != nil
            guard numeric else { throw mismatch(name, "a number", value) }
        case .boolean:
            guard value.type == .bool else { throw mismatch(name, "true or false", value) }
        case .table(let members):
            guard let table = value.table else { throw mismatch(name, "a table", value) }
            try check(table, members, at: name, warnings: &warnings)
        case .namedTables(let members):
            guard let table = value.table else { throw mismatch(name, "a table", value) }
            for key in table.keys.sorted() {
                guard let entry = table[key]?.table else { throw mismatch("\(name).\(key)", "a table", table[key]!) }
                try check(entry, members, at: "\(name).\(key)", warnings: &warnings)
            }
        case .textLists:
            guard let table = value.table else { throw mismatch(name, "a table", value) }
            for key in table.keys.sorted() {
                guard let entry = table[key] else { continue }
                let texts =
                    entry.array.map { list in list.allSatisfy { $0.type == .string } } ?? (entry.type == .string)
                guard texts else { throw mismatch("\(name).\(key)", "a key in quotes or a list of them", entry) }
            }
        case .texts:
            guard let list = value.array, list.allSatisfy({ $0.type == .string }) else {
                throw mismatch(name, "a list of texts in quotes", value)
            }
        case .freeform:
            guard value.table != nil else { throw mismatch(name, "a table", value) }
        case .tables(let members):
            guard let array = value.array else { throw mismatch(name, "a list of tables ([[\(name)]])", value) }
            for (index, item) in array.enumerated() {
                guard let entry = item.table else { throw mismatch("\(name)[\(index + 1)]", "a table", item) }
                try check(entry, members, at: "\(name)[\(index + 1)]", warnings: &warnings)
            }
        }
    }

    private static func mismatch(_ name: String, _ expected: String, _ value: any TOMLValueConvertible) -> UsageError {
        UsageError(.invalidInput, "\(name) must be \(expected), not \(describe(value.type))")
    }

    private static func shown(_ value: any TOMLValueConvertible) -> String {
        value.string.map { "'\($0)'" } ?? describe(value.type)
    }

    private static func describe(_ type: TOMLType) -> String {
        switch type {
        case .string: "text"
        case .int: "a whole number"
        case .double: "a decimal number"
        case .bool: "true or false"
        case .table: "a table"
        case .array: "a list"
        default: "a date or time"
        }
    }
}
