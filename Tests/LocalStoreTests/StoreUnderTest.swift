import Foundation
import LocalStore
import PostgresStore
import PostgresTestSupport
import StoreCore
import Testing
import UsageCore

/// A fresh store of either kind: an SQLite file in the process's scratch folder, or a new database on the test
/// process's PostgreSQL server.
struct StoreUnderTest: Sendable {
    let kind: StoreKind
    let store: any EventStore
    let folder: URL

    static func make(_ kind: StoreKind) async throws -> StoreUnderTest {
        let folder = TestStore.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            return StoreUnderTest(
                kind: kind, store: try UsageStore(path: folder.appendingPathComponent("usage.sqlite").path),
                folder: folder)
        case .postgres:
            let (url, password) = try await TestPostgres.shared.freshDatabase()
            let target = try PostgresTarget(url: url, password: Secret(password))
            // Generous: these tests are about answers; a busy machine may take its time to give them.
            let store = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
            return StoreUnderTest(kind: kind, store: store, folder: folder)
        }
    }

    var provider: any EventListing & SeriesListing & PropertyBreakdowns { store.reader }

    /// Ingests `lines` (a file, as `usagetop ingest` reads) with the standard test metrics and customer c1.
    @discardableResult
    func ingest(_ lines: [String], metrics: [Metric] = TestStore.metrics, skipInvalid: Bool = false) async throws
        -> IngestReport
    {
        let url = folder.appendingPathComponent("events-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return try await store.ingest(
            .file(url.path), metrics: metrics, customers: [Customer(id: "c1", name: "Acme")], skipInvalid: skipInvalid)
    }
}

/// Says in the test report when the PostgreSQL cases cannot run.
@Suite("PostgreSQL store availability")
struct PostgresAvailabilityTests {
    @Test(.enabled(if: !TestPostgres.isInstalled, "PostgreSQL is installed: its store tests run"))
    func postgresStoreTestsAreSkipped() throws {
        try Test.cancel(Comment(rawValue: TestPostgres.absent))
    }
}
