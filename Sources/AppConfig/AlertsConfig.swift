import Foundation
import UsageCore

/// The `[alerts]` table of `config.toml` (top level, or inside a profile to replace it for that profile):
///
/// ```toml
/// [alerts]
/// baseline_factor = 3      # warn above 3× the customer's mean day; 0 turns it off
/// baseline_days = 7
/// minimum_baseline = 10    # ignore customers whose mean day is below this
///
/// [[alerts.limits]]
/// metric = "api_calls"
/// hour = 5000              # error when one customer passes this in the current UTC hour
/// day = 50000
/// customer = "cus_042"     # optional: only this customer
/// level = "warn"           # optional: warn or error (default)
/// ```
public struct AlertsConfig: Sendable, Hashable, Decodable {
    /// One `[[alerts.limits]]` entry.
    public struct Limit: Sendable, Hashable, Decodable {
        /// `metric`: the metric code.
        var metric: String
        /// `customer`: only this customer.
        var customer: String?
        /// `hour`: the limit for the current UTC hour.
        var hour: ConfigNumber?
        /// `day`: the limit for the current UTC day.
        var day: ConfigNumber?
        /// `level`: `warn` or `error`.
        var level: Alert.Level?
    }

    /// `baseline_factor` (0 turns baseline alerts off).
    var baselineFactor: ConfigNumber?
    /// `baseline_days`.
    var baselineDays: Int?
    /// `minimum_baseline`.
    var minimumBaseline: ConfigNumber?
    /// `[[alerts.limits]]`.
    var limits: [Limit]?

    enum CodingKeys: String, CodingKey {
        case limits
        case baselineFactor = "baseline_factor"
        case baselineDays = "baseline_days"
        case minimumBaseline = "minimum_baseline"
    }

    /// The rules this table describes; what it leaves out keeps `AlertRules`' defaults.
    public var rules: AlertRules {
        let defaults = AlertRules()
        let factor = baselineFactor.map(\.value) ?? defaults.baselineFactor
        return AlertRules(
            thresholds: (limits ?? []).map {
                AlertRules.Threshold(
                    metric: $0.metric, customerID: $0.customer, hour: $0.hour?.value, day: $0.day?.value,
                    level: $0.level ?? .error)
            },
            baselineFactor: factor == 0 ? nil : factor, baselineDays: baselineDays ?? defaults.baselineDays,
            minimumBaseline: minimumBaseline?.value ?? defaults.minimumBaseline)
    }
}

/// A TOML integer, float or numeric string read as an exact `Decimal` (a float is read from its shortest text).
struct ConfigNumber: Sendable, Hashable, Decodable {
    /// The number.
    var value: Decimal

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let integer = try? container.decode(Int.self) {
            text = String(integer)
        } else if let double = try? container.decode(Double.self) {
            text = "\(double)"
        } else {
            text = try container.decode(String.self)
        }
        guard let value = DecimalText.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a number")
        }
        self.value = value
    }
}
