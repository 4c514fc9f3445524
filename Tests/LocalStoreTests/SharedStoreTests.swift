import Foundation
import LocalStore
import PostgresStore
import PostgresTestSupport
import Testing
import UsageCore

/// What a store shared by many screens and a writer must hold: a reader never sees half a batch, the change token
/// moves with every write and only then, and (PostgreSQL) a store opens once however many processes start at once,
/// refuses a database that is not its own, and never says its password.
@Suite("A store shared by readers and writers")
struct SharedStoreTests {
    /// Each batch writes as many `calls` events as `gb` events; one screen's read of both totals must always see
    /// them equal, however the reads and the writes interleave.
    @Test(arguments: StoreKind.available)
    func readersNeverSeeHalfABatch(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("seed", "calls", "2026-11-02T00:00:00Z"),
            TestStore.event("seed-gb", "gb", "2026-11-02T00:00:00Z", #"{"gb": 1}"#),
        ])
        let period = TestStore.period("2026-11-01", "2026-12-01")
        let provider = t.provider
        let batches = 12, perBatch = 300
        let reads = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for batch in 0..<batches {
                    let lines = (0..<perBatch).flatMap { n in
                        [
                            TestStore.event("c\(batch)-\(n)", "calls", "2026-11-0\(1 + n % 9)T0\(n % 10):00:00Z"),
                            TestStore.event(
                                "g\(batch)-\(n)", "gb", "2026-11-0\(1 + n % 9)T0\(n % 10):30:00Z", #"{"gb": 1}"#),
                        ]
                    }
                    try await t.ingest(lines)
                }
                return 0
            }
            for _ in 0..<2 {
                group.addTask {
                    var reads = 0
                    while true {
                        try Task.checkCancellation()  // the writer failed: stop instead of waiting for its last batch
                        let totals = try await provider.totals(customerID: "c1", period: period)
                        let calls = totals.first { $0.metric.code == "calls" }?.value
                        let gb = totals.first { $0.metric.code == "gb" }?.value
                        #expect(calls == gb, "a read saw \(calls ?? -1) calls but \(gb ?? -1) GB")
                        reads += 1
                        if calls == Decimal(1 + batches * perBatch) { return reads }
                    }
                }
            }
            var total = 0
            for try await count in group { total += count }
            return total
        }
        #expect(reads >= 2)
    }

    @Test(arguments: StoreKind.available)
    func theChangeTokenMovesWithEveryWriteAndOnlyThen(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([TestStore.event("a", "calls", "2026-11-02T00:00:00Z")])
        let first = try await t.provider.changeToken()
        #expect(try await t.provider.changeToken() == first)
        let copied = try await t.store.copied(
            customer: "c1", metric: TestStore.metric("calls"),
            period: TestStore.period("2026-11-01", "2026-11-03"), subscription: nil)
        #expect(copied.events == 1 && copied.value == 1 && copied.latest == TestStore.date("2026-11-02T00:00:00Z"))
        #expect(try await t.provider.changeToken() == first, "a read changes nothing")
        try await t.ingest([TestStore.event("b", "calls", "2026-11-02T00:00:00Z")])
        #expect(try await t.provider.changeToken() != first)
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func manyProcessesOpeningANewDatabaseMigrateItOnce() async throws {
        let (url, password) = try await TestPostgres.shared.freshDatabase()
        let target = try PostgresTarget(url: url, password: Secret(password))
        let stores = try await withThrowingTaskGroup(of: PostgresUsageStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresUsageStore.open(target) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.count == 4)
        #expect(try await stores[0].reader.metrics().isEmpty)
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func aWrongPasswordIsSaidWithoutThePassword() async throws {
        let (url, _) = try await TestPostgres.shared.freshDatabase()
        let wrong = "hunter2-not-the-password"
        let withPassword = url.replacingOccurrences(of: "postgres://usagetop@", with: "postgres://usagetop:\(wrong)@")
        do {
            _ = try await PostgresUsageStore.open(try PostgresTarget(url: withPassword))
            Issue.record("a wrong password opened the store")
        } catch {
            #expect(error.message.contains("password authentication failed"), "\(error.message)")
            #expect(!error.message.contains(wrong))
        }
        #expect(!(try PostgresTarget(url: withPassword)).location.contains(wrong))
    }
}

extension SharedStoreTests {
    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func aDatabaseHoldingOtherTablesIsNeverWritten() async throws {
        let (url, password) = try await TestPostgres.shared.freshDatabase(setup: ["CREATE TABLE invoices (id int)"])
        do {
            _ = try await PostgresUsageStore.open(try PostgresTarget(url: url, password: Secret(password)))
            Issue.record("a database of other tables was opened as a store")
        } catch {
            #expect(error.message.contains("not a usagetop store"), "\(error.message)")
        }
        let tables = try await TestPostgres.shared.strings(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'", in: url)
        #expect(tables == ["invoices"], "nothing was created")
    }
}

extension SharedStoreTests {
    /// The server goes away under an open store and comes back: reads say so in one line (fast, once the first wait
    /// for a connection ran out), and the same store answers again afterwards.
    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func aServerThatGoesAwayIsOneLineAndItsReturnIsSeen() async throws {
        let server = try await TestPostgres.dedicated()
        let target = try PostgresTarget(url: server.url, password: Secret(server.password))
        // Bounds wide enough for a busy machine to open a fresh server in (1 s failed there once), short enough for
        // the reads after the stop to give up soon.
        let store = try await PostgresUsageStore.open(target, connectWithin: .seconds(8))
        try await store.ingest(
            .lines(Array(TestStore.event("a", "calls", "2026-11-02T00:00:00Z").utf8), name: "one"),
            metrics: TestStore.metrics, customers: [], skipInvalid: false)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        #expect(try await store.reader.totals(customerID: "c1", period: period).first?.value == 1)
        try await server.stop()
        for _ in 0..<2 {
            do {
                _ = try await store.reader.totals(customerID: "c1", period: period)
                Issue.record("a read succeeded with the server stopped")
            } catch {
                // A connection the pool still held when the server stopped fails as closed (by the server's shutdown
                // notice or the socket), or unanswered on a machine too busy to see the close in time; after that the
                // pool finds no server. Each is one line that says the server is gone.
                let message = (error as? UsageError)?.message ?? "\(error)"
                let gone = [
                    "cannot read: no connection to the server", "cannot read: the server closed the connection",
                    "cannot read: terminating connection due to administrator command",
                    "cannot read: no answer from the server within",
                ]
                #expect(
                    gone.contains { message.contains($0) } && !message.contains(server.password)
                        && !message.contains("\n"), "\(message)")
            }
        }
        try await server.restart()
        // The pool reconnects on its own schedule (it backs off while the server is down): a dashboard's next refresh
        // may still say so, one after that answers. Each try waits at most a second while the store sees no server.
        var recovered: Decimal?
        for _ in 0..<30 where recovered == nil {
            recovered = try? await store.reader.totals(customerID: "c1", period: period).first?.value
        }
        #expect(recovered == 1, "the store recovers")
        try await server.stop()
    }

    /// A server that took the login and then answers nothing (every process stopped): a read fails in one line once
    /// `answerWithin` has passed, never waits without end, and the store answers again when the server goes on.
    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func aServerThatStopsAnsweringIsOneLineNotAWaitWithoutEnd() async throws {
        let server = try await TestPostgres.dedicated()
        let target = try PostgresTarget(url: server.url, password: Secret(server.password))
        let store = try await PostgresUsageStore.open(target, connectWithin: .seconds(8), answerWithin: .seconds(5))
        try await store.ingest(
            .lines(Array(TestStore.event("a", "calls", "2026-11-02T00:00:00Z").utf8), name: "one"),
            metrics: TestStore.metrics, customers: [], skipInvalid: false)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        // The event is there, read by a store that waits as long as a busy machine may need (a healthy first read of
        // a new server has taken over 5 s beside two builds); the 5 s store is kept for the frozen server.
        let patient = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
        #expect(try await patient.reader.totals(customerID: "c1", period: period).first?.value == 1)
        try server.freeze()
        do {
            _ = try await store.reader.totals(customerID: "c1", period: period)
            Issue.record("a read succeeded from a frozen server")
        } catch {
            let message = (error as? UsageError)?.message ?? "\(error)"
            #expect(
                message.contains("cannot read: no answer from the server within 5 s")
                    || message.contains("no connection to the server"),
                "\(message)")
            #expect(!message.contains(server.password))
        }
        try server.thaw()
        // The same store answers again: on a busy machine the thawed server may still miss the 5 s of a try or two.
        var recovered: Decimal?
        for _ in 0..<10 where recovered == nil {
            recovered = try? await store.reader.totals(customerID: "c1", period: period).first?.value
        }
        #expect(recovered == 1, "the store recovers")
        try await server.stop()
    }

    /// A server that takes the login and never answers a query: opening a store on it fails in one line once
    /// `answerWithin` has passed (before, every command and the monitor waited for it without end).
    @Test func aServerThatTakesTheLoginAndNeverAnswersFailsToOpenInOneLine() async throws {
        let silent = try SilentPostgres()
        do {
            _ = try await PostgresUsageStore.open(
                try PostgresTarget(url: silent.url, password: Secret("pw_never_shown")),
                connectWithin: .seconds(2), answerWithin: .seconds(2))
            Issue.record("a store opened on a server that answers nothing")
        } catch {
            #expect(
                error.message
                    == "postgres://usagetop@127.0.0.1:\(silent.port)/usage: cannot open: no answer from the server within 2 s",
                "\(error.message)")
        }
    }
}
