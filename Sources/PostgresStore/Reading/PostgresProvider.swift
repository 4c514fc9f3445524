import Foundation
import Logging
import PostgresNIO
import StoreCore
import UsageCore

/// The PostgreSQL store as a `UsageProvider`: the embedded store's answers, each screen's answer read in one snapshot.
/// An idle refresh costs one small query (`changeToken`).
package typealias PostgresProvider = StoreProvider<PostgresBackend>

extension StoreProvider where Backend == PostgresBackend {
    /// Creates a provider over an open store.
    package init(store: PostgresUsageStore) {
        self.init(backend: PostgresBackend(store: store))
    }

    /// The store read from.
    package var store: PostgresUsageStore { backend.store }
}

/// The shared PostgreSQL store as a `StoreBackend`.
package struct PostgresBackend: StoreBackend {
    /// The store read from.
    package let store: PostgresUsageStore

    /// A backend over an open store.
    package init(store: PostgresUsageStore) {
        self.store = store
    }

    package var name: String { "postgres" }

    /// The store's label and, on a streaming replica, how far behind its primary it is.
    package func sourceInfo() async throws -> SourceInfo {
        let lag = try await store.readOne { [logger = store.logger] connection in
            try await ReplicaLag.read(on: connection, logger: logger)
        }
        return SourceInfo(label: store.label, isDemoData: false, replica: lag?.label)
    }

    package func changeToken() async throws -> String? {
        try await store.readOne { [logger = store.logger] connection in
            try await PostgresCatalog.revision(on: connection, logger: logger)
        }
    }

    /// One `REPEATABLE READ` transaction on one connection for every read of the answer.
    package func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) async throws -> T) async throws -> T {
        try await store.read { [logger = store.logger] connection in
            try await body(PostgresReader(connection: connection, logger: logger))
        }
    }
}
