import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// `usagetop sync` from a Lago organisation of 2,000 customers after its first copy: a pass learns what changed from
/// Lago's organisation-wide event counts, so a quiet pass costs the same few calls whatever the number of customers,
/// and a pass with new events reads only the customers they belong to, an event that reached Lago weeks after its
/// timestamp included.
@Suite("Sync from Lago, by what changed", .serialized)
struct LagoChangeSyncEndToEndTests {
    static let customers = 2_000
    static let day = 86_400.0

    /// When customer `c<i>`'s one event is: spread over the last three weeks, a few each hour.
    static func eventTime(_ i: Int, now: Date) -> Date {
        now.addingTimeInterval(-Double(i * 997 % 1_814_400) - 60)
    }

    /// Customer `c<i>` on subscription `s<i>`, one event each over the last three weeks.
    static func account(now: Date) -> LagoAccount {
        let started = now.addingTimeInterval(-90 * day)
        let ids = (0..<customers).map { "c\($0)" }
        let charge = LagoAccount.Charge("ch_calls", metric: "api_calls")
        return LagoAccount(
            customers: ids.map { ($0, "Customer \($0)") }, metrics: [LagoAccount.Metric("api_calls", "count_agg")],
            subscriptions: (0..<customers).map {
                LagoAccount.Subscription("s\($0)", customer: "c\($0)", started: started, charges: [charge])
            },
            events: (0..<customers).map {
                LagoAccount.Event(
                    "e\($0)", subscription: "s\($0)", code: "api_calls",
                    at: eventTime($0, now: now))
            }, now: now)
    }

    static func sync(_ server: TestHTTPServer, db: String, environment: [String: String]) async throws
        -> Program.Output
    {
        try await LagoSyncEndToEndTests.sync(server, db: db, environment: environment)
    }

    /// The organisation on its own server, copied whole into a new store of `kind` by a first pass.
    static func copied(_ kind: StoreKind, now: Date) async throws -> (
        account: LagoAccount, server: TestHTTPServer, db: String, environment: [String: String]
    ) {
        let account = Self.account(now: now)
        let server = try TestHTTPServer { account.answer($0) }
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let first = try await Self.sync(server, db: db, environment: environment)
        #expect(first.status == 0 && first.stdout.contains("(2000 new)"), "\(first.stdout)\(first.stderr)")
        return (account, server, db, environment)
    }

    @Test(arguments: StoreKind.available)
    func aQuietPassCostsAFewCallsAndNewEventsCostCallsForTheirCustomersOnly(kind: StoreKind) async throws {
        let now = Date()
        let (account, server, db, environment) = try await Self.copied(kind, now: now)

        var before = server.requests.count
        let quiet = try await Self.sync(server, db: db, environment: environment)
        let quietCalls = server.requests.dropFirst(before).map(\.path)
        #expect(
            quiet.status == 0 && quiet.stdout.contains("none new since the last pass: all agree"), "\(quiet.stdout)")
        #expect(
            quietCalls.count <= 3,
            "the metric list, the count of events and that of customers, whatever the customers: \(quietCalls)")

        // Three customers' new events, one of them sent to Lago twenty days after its timestamp.
        let fresh = [
            LagoAccount.Event("n1", subscription: "s17", code: "api_calls", at: now.addingTimeInterval(-3_600)),
            LagoAccount.Event("n2", subscription: "s17", code: "api_calls", at: now.addingTimeInterval(-7_200)),
            LagoAccount.Event(
                "n3", subscription: "s900", code: "api_calls", at: now.addingTimeInterval(-20 * Self.day)),
            LagoAccount.Event("n4", subscription: "s1999", code: "api_calls", at: now.addingTimeInterval(-600)),
        ]
        account.add(fresh)
        // The customers read: those of the new events, whatever else their hours hold.
        let expected: Set<String> = ["c17", "c900", "c1999"]
        before = server.requests.count
        let next = try await Self.sync(server, db: db, environment: environment)
        let nextCalls = server.requests.dropFirst(before).map(\.path)
        #expect(
            next.status == 0 && next.stdout.contains("(4 new)")
                && next.stdout.contains("for \(expected.count) customers with new events")
                && next.stdout.contains(": all agree"), "\(next.stdout)\(next.stderr)")
        #expect(
            nextCalls.count <= 100,
            "calls for three customers and four hours (49 seen), not two thousand customers (about 8,000): \(nextCalls.count)"
        )
        let touched = Set(
            nextCalls.compactMap { path -> String? in
                guard let id = path.split(separator: "/").dropFirst(3).first else { return nil }
                return id.hasPrefix("s") ? "c" + id.dropFirst() : String(id)
            })
        #expect(touched == expected, "only their customers are read: \(touched.sorted()) \(expected.sorted())")
        let (start, end) = (now.addingTimeInterval(-30 * Self.day), now.addingTimeInterval(Self.day))
        for customer in ["c17", "c900", "c1999", "c18"] {
            let store = try await LagoSyncEndToEndTests.stored(
                "api_calls", customer: customer, start: start, end: end, db: db, environment: environment)
            #expect(
                store == account.billed(customer: customer, metric: "api_calls", start: start, end: end),
                "\(customer): \(String(describing: store))")
        }

        before = server.requests.count
        let after = try await Self.sync(server, db: db, environment: environment)
        #expect(after.stdout.contains("none new since the last pass"), "\(after.stdout)")
        #expect(server.requests.count - before <= 3)
    }

    @Test(arguments: StoreKind.available)
    func aCustomerWithoutEventsIsListedByTheNextPassAndOnlyThen(kind: StoreKind) async throws {
        let (account, server, db, environment) = try await Self.copied(kind, now: Date())

        account.addCustomer(id: "c_new", name: "Newly Signed Ltd")
        var before = server.requests.count
        let next = try await Self.sync(server, db: db, environment: environment)
        let listing = server.requests.dropFirst(before).filter { $0.path == "/api/v1/customers" }
        #expect(
            next.status == 0 && next.stdout.contains("listed all 2001 customers, as their count changed")
                && next.stdout.contains("none new since the last pass: all agree"), "\(next.stdout)\(next.stderr)")
        #expect(listing.count == 22, "one count, then 21 pages of 100: \(listing.count)")
        let customers = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--format", "csv", "--period", "-7d"], extra: environment)
        #expect(customers.stdout.contains("c_new,Newly Signed Ltd"), "\(customers.stdout.prefix(300))")

        before = server.requests.count
        let quiet = try await Self.sync(server, db: db, environment: environment)
        #expect(quiet.stdout.contains("none new since the last pass") && !quiet.stdout.contains("listed all"))
        #expect(server.requests.count - before <= 3, "the count agrees again: no listing")
    }
}
