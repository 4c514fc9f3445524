import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded store as a `UsageProvider`: every capability, answered from rollups.
package typealias LocalProvider = StoreProvider<SQLiteBackend>

extension StoreProvider where Backend == SQLiteBackend {
    /// Creates a provider over an open store.
    package init(store: UsageStore) {
        self.init(backend: SQLiteBackend(store: store))
    }

    /// The store read from.
    package var store: UsageStore { backend.store }
}

/// The embedded SQLite store as a `StoreBackend`.
package struct SQLiteBackend: StoreBackend {
    /// The store read from.
    package let store: UsageStore

    /// A backend over an open store.
    package init(store: UsageStore) {
        self.store = store
    }

    package var name: String { "local" }

    package func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "local \(Self.abbreviate(store.path))", isDemoData: try store.isDemoData())
    }

    package func changeToken() async throws -> String? {
        try await store.asyncRead { db in try Catalog.revision(in: db) }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) async throws -> T) async throws -> T {
        do {
            return try await ReadSession.run(on: store.database) { session in
                try await body(SQLiteReader(session: session))
            }
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(.storage, "store \(store.path): \(UsageStore.describe(error))")
        }
    }

    static func abbreviate(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        return !home.isEmpty && path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
