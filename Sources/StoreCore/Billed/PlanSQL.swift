import UsageCore

/// The plans sync keeps beside the provider's bills: the plan each subscription is billed under, as the provider
/// serves it (Lago's plan JSON, overrides included), one `meta` row per subscription (`plan:<subscription>`), so a
/// reconcile re-prices a synced store without asking the provider again.
package enum PlanSQL {
    private static let prefix = "plan:"

    /// Keeps `json` as the plan of `subscription`, replacing the one kept.
    package static func upsert(subscription: String, json: String, in dialect: SQLDialect) -> SQLStatement {
        MetaSQL.upsert(key: prefix + subscription, value: json, in: dialect)
    }

    /// Every plan kept.
    package static func select(in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append("SELECT key, value FROM meta WHERE key >= \(sql.bind(prefix)) AND key < \(sql.bind("plan;"))")
        sql.columns = [.text, .text]
        return sql
    }

    /// The plans of `rows` (of `select`) by subscription; one that no longer parses is named in `problems`.
    package static func plans(_ rows: [[SQLValue]]) -> (plans: [String: PricePlan], problems: [String]) {
        var plans: [String: PricePlan] = [:]
        var problems: [String] = []
        for row in rows {
            let subscription = String((row[0].text ?? "").dropFirst(prefix.count))
            do {
                let json = try JSONParser.parse(row[1].text ?? "")
                plans[subscription] = try PricePlan(lago: json, at: "plan of \(subscription)")
            } catch {
                problems.append("the plan kept for \(subscription) cannot be read: \(error)")
            }
        }
        return (plans, problems)
    }
}
