import Foundation
import UsageCore

/// A database a usage store lives in (the embedded SQLite file, a shared PostgreSQL server): what `StoreProvider`
/// needs besides the primitive reads.
package protocol StoreBackend: Sendable {
    /// The provider name screens and logs show (`local`, `postgres`).
    var name: String { get }

    /// Where the data comes from, for the header.
    func sourceInfo() async throws -> SourceInfo

    /// A token that changes with every committed write, by this process or another; read cheaply.
    func changeToken() async throws -> String?

    /// Runs `body` with a reader over one snapshot of the store, mapping the database's failures to one line.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) async throws -> T) async throws -> T
}
