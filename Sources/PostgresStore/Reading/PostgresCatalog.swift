import Logging
import PostgresNIO
import UsageCore

/// The store's catalogue: metrics in display order, customers, and the change token.
enum PostgresCatalog {
    /// Every metric, in display order.
    static func metrics(on connection: PostgresConnection, logger: Logger) async throws -> [Metric] {
        let rows = try await connection.query(
            "SELECT code, name, aggregation, field, unit, billed_by FROM metric ORDER BY position, code", logger: logger
        )
        var metrics: [Metric] = []
        for try await (code, name, aggregation, field, unit, billedBy)
            in rows
            .decode((String, String, String, String?, String?, String?).self)
        {
            metrics.append(
                Metric(
                    code: code, name: name, aggregation: Aggregation(rawValue: aggregation) ?? .count, field: field,
                    unit: unit,
                    billedBy: billedBy))
        }
        return metrics
    }

    /// Customers, all or one, in id order.
    static func customers(id: String? = nil, on connection: PostgresConnection, logger: Logger) async throws
        -> [Customer]
    {
        var sql = SQLText()
        sql.append("SELECT id, name, currency FROM customer")
        if let id { sql.append(" WHERE id = \(sql.bind(id))") }
        sql.append(" ORDER BY id")
        var customers: [Customer] = []
        for try await (id, name, currency) in try await connection.query(sql.query, logger: logger)
            .decode((String, String, String?).self)
        {
            customers.append(Customer(id: id, name: name, currency: currency))
        }
        return customers
    }

    /// The store's generation and revision: a new value after every committed write.
    static func revision(on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "SELECT key, value FROM meta WHERE key IN ('generation', 'revision')", logger: logger)
        var values: [String: String] = [:]
        for try await (key, value) in rows.decode((String, String).self) { values[key] = value }
        return "\(values["generation"] ?? "-"):\(values["revision"] ?? "0")"
    }
}
