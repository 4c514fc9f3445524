import Foundation
import Logging
import PostgresNIO
import StoreCore
import UsageCore

/// The PostgreSQL store's primitive reads, each a statement on the answer's one connection and snapshot.
struct PostgresReader: StoreReader {
    let connection: PostgresConnection
    let logger: Logger

    var dialect: SQLDialect { .postgres }

    func fetch(_ statements: [SQLStatement]) async throws -> [[[SQLValue]]] {
        var answers: [[[SQLValue]]] = []
        for statement in statements { answers.append(try await statement.rows(on: connection, logger: logger)) }
        return answers
    }

    func customerTable(_ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64) async throws
        -> [CustomerSummary]
    {
        try await PostgresCustomerTable.allowGrouping(on: connection, logger: logger)
        return try await PostgresCustomerTable.summaries(
            metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, on: connection,
            logger: logger)
    }

    func customerPreview(
        _ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, count: Int, above: Int
    ) async throws -> (rows: [CustomerSummary], customers: Int)? {
        try await PostgresCustomerTable.allowGrouping(on: connection, logger: logger)
        return try await PostgresCustomerTable.preview(
            metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, count: count,
            above: above, on: connection, logger: logger)
    }
}
