import Foundation
import Logging
import PostgresNIO

/// How far behind its primary a PostgreSQL store is, as the server itself says: nil on a primary; on a streaming
/// replica, caught up when it has replayed all it received, else the time since the last change it replayed; one cut
/// off from its primary says so with the time of its data.
package enum ReplicaLag: Sendable, Equatable {
    /// Streaming and all it received is replayed.
    case caughtUp
    /// Streaming, `seconds` behind the last change it replayed.
    case behind(seconds: Double)
    /// Not receiving from its primary; its data is as of `asOf` (nil when it never replayed a change).
    case cutOff(asOf: Date?)

    /// The server's answer: whether it is a replica, whether it streams, whether it replayed all it received, and when
    /// the last change it replayed was made (seconds since 1970) with the server's clock now.
    private static let sql = """
        SELECT pg_is_in_recovery()::text,
               COALESCE((SELECT status FROM pg_stat_wal_receiver LIMIT 1), '')::text,
               COALESCE((pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn())::text, 'false'),
               COALESCE(EXTRACT(EPOCH FROM pg_last_xact_replay_timestamp())::text, ''),
               EXTRACT(EPOCH FROM clock_timestamp())::text
        """

    /// The store's lag, read on `connection`: nil on a primary.
    package static func read(on connection: PostgresConnection, logger: Logger) async throws -> ReplicaLag? {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        for try await (recovering, status, replayed, last, now) in rows.decode(
            (String, String, String, String, String).self)
        {
            guard recovering == "true" else { return nil }
            let lastChange = Double(last), clock = Double(now) ?? Date().timeIntervalSince1970
            if status != "streaming" { return .cutOff(asOf: lastChange.map { Date(timeIntervalSince1970: $0) }) }
            if replayed == "true" { return .caughtUp }
            return .behind(seconds: max(0, clock - (lastChange ?? clock)))
        }
        return nil
    }

    /// The header's words: `replica, up to date`, `replica, 4s behind`, `replica cut off from its primary, data of
    /// 2026-12-07 11:04 UTC`.
    package var label: String {
        switch self {
        case .caughtUp: "replica, up to date"
        case .behind(let seconds): "replica, \(Self.duration(seconds)) behind"
        case .cutOff(let asOf):
            "replica cut off from its primary" + (asOf.map { ", data of \(Self.minute($0)) UTC" } ?? "")
        }
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        if whole < 120 { return "\(whole)s" }
        if whole < 7_200 { return "\(whole / 60)m" }
        return "\(whole / 3_600)h"
    }

    private static func minute(_ date: Date) -> String {
        let text = ISO8601DateFormatter().string(from: date)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
