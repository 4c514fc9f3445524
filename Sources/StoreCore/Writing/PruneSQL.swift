/// Removing what a store holds from before a day, written once for both stores: the events, their hourly and daily
/// rollups (whole days, so what is left adds up exactly to the events left), and the provider's bills of periods that
/// ended by then.
package enum PruneSQL {
    /// How many events are older than `cutoff` (milliseconds since the epoch, a UTC midnight).
    package static func count(before cutoff: Int64, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append("SELECT COUNT(*) FROM event WHERE ts_ms < \(sql.bind(cutoff))")
        sql.columns = [.integer]
        return sql
    }

    /// The deletions, in order, of everything older than `cutoff` (a UTC midnight). PostgreSQL's events are not
    /// among them: they go a month partition at a time, with their identities (`EventPartitions` there).
    package static func delete(before cutoff: Int64, in dialect: SQLDialect) -> [SQLStatement] {
        let hour = RollupAccumulator.hour(cutoff), day = RollupAccumulator.day(RollupAccumulator.hour(cutoff))
        let events: [(table: String, condition: String, bound: Int64)] =
            dialect == .sqlite ? [("event", "ts_ms <", cutoff)] : []
        let deletions =
            events + [
                ("rollup_hour", "slot <", hour), ("distinct_hour", "slot <", hour), ("rollup_day", "slot <", day),
                ("distinct_day", "slot <", day),
                ("billed_total", "period_end_ms <=", cutoff),
            ]
        return deletions.map { deletion in
            var sql = SQLStatement(dialect)
            sql.append("DELETE FROM \(deletion.table) WHERE \(deletion.condition) \(sql.bind(deletion.bound))")
            return sql
        }
    }
}
