import UsageCore

/// Which of a provider's listed events the store already holds, by the key it keeps them under (subscription and
/// transaction id), the same on both stores: what tells sync the new events of an hour whose count changed.
package enum HeldSQL {
    /// The statements that select the held ones of `events`, 300 keys each (one text column pair a row).
    package static func select(_ events: [EventActivity.Listed], in dialect: SQLDialect) -> [SQLStatement] {
        var statements: [SQLStatement] = []
        var start = 0
        while start < events.count {
            var sql = SQLStatement(dialect)
            var values: [String] = []
            for event in events[start..<min(start + 300, events.count)] {
                values.append("(\(sql.bind(event.subscription)), \(sql.bind(event.transactionID)))")
            }
            sql.append(
                "SELECT subscription_id, transaction_id FROM \(dialect.eventIdentities) "
                    + "WHERE (subscription_id, transaction_id) IN (VALUES "
                    + values.joined(separator: ", ") + ")")
            sql.columns = [.text, .text]
            statements.append(sql)
            start += 300
        }
        return statements
    }

    /// The events of `events` whose keys are among `rows` (of `select`).
    package static func held(_ events: [EventActivity.Listed], rows: [[SQLValue]]) -> Set<EventActivity.Listed> {
        let keys = Set(rows.map { [$0[0].text ?? "", $0[1].text ?? ""] })
        return Set(events.filter { keys.contains([$0.subscription, $0.transactionID]) })
    }
}
