import Logging
import PostgresNIO
import UsageCore

/// The store's change token (the catalogue itself is read through `CatalogSQL`).
enum PostgresCatalog {
    /// The store's generation and revision: a new value after every committed write.
    static func revision(on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "SELECT key, value FROM meta WHERE key IN ('generation', 'revision')", logger: logger)
        var values: [String: String] = [:]
        for try await (key, value) in rows.decode((String, String).self) { values[key] = value }
        return "\(values["generation"] ?? "-"):\(values["revision"] ?? "0")"
    }
}
