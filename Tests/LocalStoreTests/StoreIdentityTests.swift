import Foundation
import GRDB
import LocalStore
import Testing
import UsageCore

/// A store knows it is one: other files are refused untouched, stores from before the stamp are adopted, and a
/// change token never repeats for different contents.
@Suite("Store identity")
struct StoreIdentityTests {
    static func folder() throws -> URL {
        let url = TestStore.root.appendingPathComponent("identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let path = try Self.folder().appendingPathComponent("notes.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(
            throws: UsageError(
                .invalidInput,
                "\(path) is not a usagetop store: it is another program's SQLite database (tables: notes); it was left untouched (choose another --db)"
            )
        ) {
            try UsageStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "not one byte changed")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "not even switched to write-ahead logging")
    }

    @Test func aStampedForeignDatabaseAndATextFileAreRefused() throws {
        let folder = try Self.folder()
        let other = folder.appendingPathComponent("app.db").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "PRAGMA application_id = 42; CREATE TABLE t (x)") }
        try queue.close()
        #expect(
            throws: UsageError(
                .invalidInput,
                "\(other) is not a usagetop store: it belongs to another program (application_id 0x0000002A); it was left untouched (choose another --db)"
            )
        ) {
            try UsageStore(path: other)
        }
        let text = folder.appendingPathComponent("notes.txt").path
        try String(repeating: "not a database\n", count: 10).write(toFile: text, atomically: true, encoding: .utf8)
        #expect(
            throws: UsageError(
                .invalidInput,
                "\(text) is not a usagetop store: it is not a SQLite database; it was left untouched (choose another --db)"
            )
        ) {
            try UsageStore(path: text)
        }
    }

    @Test func aStoreFromBeforeTheStampIsAdoptedAndStamped() throws {
        let path = try Self.folder().appendingPathComponent("old.sqlite").path
        _ = try UsageStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            // As a store made by the first release: its first migration only.
            try db.execute(
                sql:
                    "PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier != 'v1'; ALTER TABLE customer ADD COLUMN last_event_ms INTEGER; DROP TABLE billed_total; ALTER TABLE metric DROP COLUMN billed_by; DROP TABLE distinct_day"
            )
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
        _ = try UsageStore(path: path)
        let stamped = try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(stamped == 0x7573_6774)
    }

    @Test func theChangeTokenNeverRepeatsAfterTheStoreIsRegenerated() async throws {
        let t = try TestStore()
        let now = TestStore.date("2026-11-03")
        let options = DemoOptions(customers: 2, days: 1, eventsPerDay: 3, seed: 1)
        try DemoGenerator(options: options, now: now).generate(into: t.store)
        let first = try await t.provider.changeToken()
        try DemoGenerator(options: options, now: now).generate(into: t.store)
        let second = try await t.provider.changeToken()
        try t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z")])
        let third = try await t.provider.changeToken()
        #expect(
            first?.hasSuffix(":1") == true && second?.hasSuffix(":1") == true, "each fresh store counts from 1 again")
        #expect(Set([first, second, third]).count == 3, "yet no token repeats: \([first, second, third])")
    }
}
