import Foundation
import UsageCore

/// The catalogue's statements, written once for both stores: metrics in display order and customers in id order.
package enum CatalogSQL {
    /// Every metric, in display order.
    package static func metrics(in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append("SELECT code, name, aggregation, field, unit, billed_by FROM metric ORDER BY position, code")
        sql.columns = [.text, .text, .text, .text, .text, .text]
        return sql
    }

    /// A metric from a row of `metrics`.
    package static func metric(_ row: [SQLValue]) -> Metric {
        Metric(
            code: row[0].text ?? "", name: row[1].text ?? "",
            aggregation: row[2].text.flatMap(Aggregation.init(rawValue:)) ?? .count, field: row[3].text,
            unit: row[4].text, billedBy: row[5].text)
    }

    /// The customer `id` (nil: every customer, in id order).
    package static func customers(id: String?, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append("SELECT id, name, currency FROM customer")
        if let id { sql.append(" WHERE id = \(sql.bind(id))") }
        sql.append(" ORDER BY id")
        sql.columns = [.text, .text, .text]
        return sql
    }

    /// A customer from a row of `customers`.
    package static func customer(_ row: [SQLValue]) -> Customer {
        Customer(id: row[0].text ?? "", name: row[1].text ?? "", currency: row[2].text)
    }

    /// Inserts `metric` after every metric in display order, or replaces what is known of it (keeping its place).
    package static func upsert(_ metric: Metric, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        let values = [
            sql.bind(metric.code), sql.bind(metric.name), sql.bind(metric.aggregation.rawValue), sql.bind(metric.field),
            sql.bind(metric.unit), "(SELECT COALESCE(max(position), -1) + 1 FROM metric)", sql.bind(metric.billedBy),
        ]
        sql.append(
            """
            INSERT INTO metric (code, name, aggregation, field, unit, position, billed_by)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, aggregation = excluded.aggregation,
                field = excluded.field, unit = excluded.unit, billed_by = excluded.billed_by
            """)
        return sql
    }
}
