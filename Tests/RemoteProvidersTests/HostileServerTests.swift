import AppConfig
import Foundation
import HTTPTestSupport
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import UsageCore
@testable import RemoteProviders

/// Each provider against a server that attacks it: echoing the request's Authorization header into error bodies
/// and data, dripping a body, lying about pagination and sending absurd rate-limit headers.
@Suite("Hostile servers")
struct HostileServerTests {
    static let key = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    static let period = Period(start: ISO8601Parser.parse("2026-11-01")!, end: ISO8601Parser.parse("2026-12-01")!)

    /// A client for `server` whose log goes to a fresh file (returned) and whose waits are recorded, not slept.
    static func client(
        _ server: TestHTTPServer, name: String, timeout: Duration = .seconds(10), maxPages: Int = 2_000,
        sleeps: LagoContractTests.Sleeps = .init()
    ) throws -> (APIClient, logPath: String) {
        let path = ProcessScratch.root.appendingPathComponent("hostile-\(UUID().uuidString)/usagetop.log").path
        let sink = try #require(FileLogHandler.Sink(path: path))
        let configuration = try APIConfiguration(
            providerName: name, baseURL: server.baseURL, apiKey: Secret(key),
            requestTimeout: timeout, maxPages: maxPages)
        let logger = Logger(label: "usagetop.\(name)") { FileLogHandler(label: $0, sink: sink) }
        let api = APIClient(
            configuration: configuration, logger: logger, sleep: sleeps.sleep, jitter: { 0 },
            now: { Date(timeIntervalSince1970: 1_795_353_600) })  // 2026-11-22T13:20:00Z
        return (api, path)
    }

    static func provider(_ name: String, _ api: APIClient) -> any UsageProvider {
        switch name {
        case "lago": LagoProvider(api: api)
        case "hyperline": HyperlineProvider(api: api)
        default: ProlifiProvider(api: api)
        }
    }

    /// The provider `name` as an event lister (Lago and Hyperline).
    static func listing(_ name: String, _ api: APIClient) -> any EventListing {
        name == "lago" ? LagoProvider(api: api) : HyperlineProvider(api: api)
    }

    /// Everything a failure can reach: the error line, its reflection, and the log (one line per try).
    static func leaks(_ error: any Error, logPath: String) -> [String] {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return ["\(error)", String(reflecting: error), UsageError.wrapping(error, context: "").message, log]
            .filter { $0.contains(key) || $0.contains(key.prefix(12)) }
    }

    @Test(arguments: ["lago", "hyperline", "prolifi"])
    func anEchoedAuthorizationHeaderLeavesNoTrace(provider name: String) async throws {
        for status in [HTTPResponseStatus.unauthorized, .internalServerError, .badGateway] {
            let server = try TestHTTPServer { request in
                name == "prolifi"
                    ? HostileReplies.nestedEcho(request, status: status) : HostileReplies.echo(request, status: status)
            }
            let (api, logPath) = try Self.client(server, name: name)
            do {
                _ = try await Self.provider(name, api).customer(id: "cus_1")
                Issue.record("the echoing server's error was not reported")
            } catch {
                #expect(Self.leaks(error, logPath: logPath).isEmpty, "\(name) \(status.code): the key leaked")
                #expect(
                    "\(error)".contains("Bearer \(SecretScrubber.mark)"), "the echo is kept, the key replaced: \(error)"
                )
            }
            #expect(server.requests.allSatisfy { $0.authorization == "Bearer \(Self.key)" }, "the real key was sent")
        }
    }

    @Test func aKeyCutShortByTheServerIsStillRemoved() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: .unauthorized, body: #"{"message": "bad key \#(Self.key.prefix(20))… (truncated)"}"#)
        }
        let (api, logPath) = try Self.client(server, name: "hyperline")
        do {
            _ = try await api.get("/v1/customers")
            Issue.record("expected a failure")
        } catch {
            #expect(!"\(error)".contains(Self.key.prefix(8)) && Self.leaks(error, logPath: logPath).isEmpty)
        }
    }

    @Test func aKeyEchoedIntoDataNeverReachesTheScreen() async throws {
        let server = try TestHTTPServer { request in
            let echoed = HostileReplies.jsonString("Acme " + (request.authorization ?? ""))
            return .init(body: #"{"meta": {"total": 1}, "data": [{"id": "cus_1", "name": \#(echoed)}]}"#)
        }
        let (api, _) = try Self.client(server, name: "hyperline")
        let rows = try await HyperlineProvider(api: api).summaries(
            metric: Metric(code: "m", name: "M", aggregation: .count), period: Self.period, trailingDays: 1, now: Date()
        )
        #expect(rows.first?.customer.name == "Acme Bearer \(SecretScrubber.mark)")
    }

    @Test func aDrippedBodyTimesOutAsAWhole() async throws {
        let body = #"{"meta": {"total": 0}, "data": []}"# + String(repeating: " ", count: 200)
        let server = try TestHTTPServer { _ in HostileReplies.drip(body, every: .milliseconds(50)) }
        let sleeps = LagoContractTests.Sleeps()
        let (api, _) = try Self.client(server, name: "hyperline", timeout: .milliseconds(600), sleeps: sleeps)
        do {
            _ = try await api.get("/v1/customers")
            Issue.record("a body that takes 12 s to arrive beat a 600 ms deadline")
        } catch {
            #expect(error.kind == .timeout && error.description == "hyperline: GET /v1/customers: timed out")
        }
        // Four tries, three waits between them, each try timing out on its own; on a busy machine a try's deadline
        // can pass before the server has read its request, so the server counts one to four.
        #expect(sleeps.all.count == 3, "each of the four tries timed out on its own: \(sleeps.all)")
        #expect((1...4).contains(server.requests.count), "\(server.requests.count) requests reached the server")
    }

    @Test func lagoStopsAtAnEmptyPageWhateverNextPageSays() async throws {
        let server = try TestHTTPServer { request in
            let page = Int(request.query["page"] ?? "1") ?? 1
            let items = page <= 2 ? #"[{"external_id": "c\#(page)", "name": "C"}]"# : "[]"
            return .init(
                body: #"{"customers": \#(items), "meta": {"next_page": \#(page + 1), "total_count": 999999999}}"#)
        }
        let (api, _) = try Self.client(server, name: "lago")
        #expect(try await LagoProvider(api: api).customers().map(\.id) == ["c1", "c2"])
        #expect(server.requests.count == 3)
    }

    @Test(arguments: ["lago", "hyperline", "prolifi"])
    func endlessPagesEndInOneClearError(provider name: String) async throws {
        let server = try TestHTTPServer { request in
            let page = Int(request.query["page"] ?? "1") ?? 1
            switch name {
            case "lago":
                return .init(
                    body: #"{"customers": [{"external_id": "c\#(page)"}], "meta": {"next_page": \#(page + 1)}}"#)
            case "hyperline":
                let offset = request.query["skip"] ?? "0"
                return .init(body: #"{"meta": {"total": 99999999999}, "data": [{"id": "c\#(offset)"}]}"#)
            default:
                let offset = request.query["offset"] ?? "0"
                return .init(
                    body: #"{"data": [{"id": "c\#(offset)"}], "pagination": {"has_more": true, "total": 1e300}}"#)
            }
        }
        let (api, _) = try Self.client(server, name: name, maxPages: 5)
        let path = name == "hyperline" ? "/v1/customers" : "/customers"
        do {
            _ = try await Self.provider(name, api).summaries(
                metric: Metric(code: "m", name: "M", aggregation: .count), period: Self.period, trailingDays: 1,
                now: Date())
            Issue.record("a server that never stops paging was followed without end")
        } catch {
            #expect(
                "\(error)"
                    == "\(name): GET \(path): still more after 5 pages; stopped (the server keeps announcing more)")
        }
        let listing = server.requests.filter { $0.path == path }.count
        #expect(listing >= 1 && listing <= 5, "never past the page budget (a total beyond it is refused at once)")
    }

    @Test(arguments: ["hyperline", "prolifi"])
    func aHugeAnnouncedTotalSizesNothing(provider name: String) async throws {
        let server = try TestHTTPServer { request in
            let offset = Int(request.query["skip"] ?? request.query["offset"] ?? "0") ?? 0
            let items = (offset..<offset + 100).map { #"{"id": "c\#($0)"}"# }.joined(separator: ",")
            return name == "hyperline"
                ? .init(body: #"{"meta": {"total": 10000000000}, "data": [\#(items)]}"#)
                : .init(body: #"{"data": [\#(items)], "pagination": {"has_more": true, "total": 10000000000}}"#)
        }
        let (api, _) = try Self.client(server, name: name)
        do {
            _ = try await Self.provider(name, api).customers()
            Issue.record("ten billion announced customers were listed")
        } catch {
            #expect(
                "\(error)".hasSuffix("still more after 2000 pages; stopped (the server keeps announcing more)"),
                "\(error)")
        }
        #expect(
            server.requests.count == 1, "refused on the first page's announcement, before any allocation or request")
    }

    @Test(arguments: ["lago", "hyperline", "prolifi"])
    func aRepeatedPageEndsTheListingInOneClearError(provider name: String) async throws {
        let server = try TestHTTPServer { _ in
            let items = (0..<100).map { #"{"id": "c\#($0)", "external_id": "c\#($0)"}"# }.joined(separator: ",")
            switch name {
            case "lago": return .init(body: #"{"customers": [\#(items)], "meta": {"next_page": 2}}"#)
            case "hyperline": return .init(body: #"{"meta": {"total": 1000}, "data": [\#(items)]}"#)
            default: return .init(body: #"{"data": [\#(items)], "pagination": {"has_more": true}}"#)
            }
        }
        let (api, _) = try Self.client(server, name: name)
        do {
            _ = try await Self.provider(name, api).customers()
            Issue.record("a listing that repeats its first page was followed")
        } catch {
            #expect("\(error)".hasSuffix("page 2 repeats page 1; stopped (the server does not advance)"), "\(error)")
        }
        #expect(server.requests.count <= 10, "stopped at the first repeat, not at the page limit")
    }

    @Test(arguments: ["lago", "hyperline"])
    func aRepeatedEventPageEndsACopyInOneClearError(provider name: String) async throws {
        let server = try TestHTTPServer { request in
            let events = (0..<100).map { i in
                name == "lago"
                    ? #"{"transaction_id": "t\#(i)", "external_subscription_id": "s1", "code": "m", "timestamp": "2026-11-05T00:00:00Z", "properties": {}}"#
                    : #"{"id": "t\#(i)", "timestamp": "2026-11-05T00:00:00Z", "payload": {}}"#
            }.joined(separator: ",")
            switch request.path {
            case "/subscriptions":
                return .init(body: #"{"subscriptions": [{"external_id": "s1", "status": "active"}], "meta": {}}"#)
            case "/events":
                return .init(body: #"{"events": [\#(events)], "meta": {"next_page": 2, "total_count": 1000000}}"#)
            default: return .init(body: #"{"meta": {"total": 1000000}, "data": [\#(events)]}"#)
            }
        }
        let (api, _) = try Self.client(server, name: name)
        var copied = 0
        do {
            try await Self.listing(name, api).forEachEventPage(
                customerID: "c1", metric: Metric(code: "m", name: "M", aggregation: .count), period: Self.period,
                subscription: nil
            ) { copied += $0.items.count }
            Issue.record("an event listing that repeats its first page was copied")
        } catch {
            #expect("\(error)".contains("page 2 repeats page 1; stopped (the server does not advance)"), "\(error)")
        }
        #expect(copied == 100, "only the first page was handed over")
    }

    @Test(arguments: ["lago", "hyperline"])
    func eventsWithUnreadableTimestampsAreNamedAndTheRestRead(provider name: String) async throws {
        let stamps = [
            #""2026-11-05T10:00:00Z""#, "1793872800", #""1793872800.5""#, #""2026-11-05 10:00:00 +0000""#,
            #""2026-11-05T12:00:00+0200""#, #""tomorrow""#, "null", #""2026-13-05T10:00:00Z""#, "-5",
        ]
        let server = try TestHTTPServer { request in
            let events = stamps.enumerated().map { i, stamp in
                name == "lago"
                    ? #"{"transaction_id": "t\#(i)", "external_subscription_id": "s1", "code": "m", "timestamp": \#(stamp), "properties": {}}"#
                    : #"{"id": "t\#(i)", "timestamp": \#(stamp), "payload": {}}"#
            }.joined(separator: ",")
            switch request.path {
            case "/subscriptions":
                return .init(body: #"{"subscriptions": [{"external_id": "s1", "status": "active"}], "meta": {}}"#)
            case "/events": return .init(body: #"{"events": [\#(events)], "meta": {"total_count": \#(stamps.count)}}"#)
            default: return .init(body: #"{"meta": {"total": \#(stamps.count)}, "data": [\#(events)]}"#)
            }
        }
        let (api, _) = try Self.client(server, name: name)
        var pages: [Page<UsageEvent>] = []
        try await Self.listing(name, api).forEachEventPage(
            customerID: "c1", metric: Metric(code: "m", name: "M", aggregation: .count), period: Self.period,
            subscription: nil
        ) { pages.append($0) }
        let read = pages.flatMap(\.items)
        #expect(read.map(\.transactionID) == ["t0", "t1", "t2", "t3", "t4"])
        #expect(
            Set(read.map { UTCTime.iso($0.timestamp) }) == ["2026-11-05T10:00:00Z", "2026-11-05T10:00:00.500Z"],
            "unix seconds and +0000 or +0200 offsets name the same instants")
        #expect(
            pages.flatMap(\.unreadable) == [
                #"event t5: timestamp "tomorrow" is neither ISO-8601 nor unix seconds"#,
                "event t6: timestamp null is neither ISO-8601 nor unix seconds",
                #"event t7: timestamp "2026-13-05T10:00:00Z" is neither ISO-8601 nor unix seconds"#,
                "event t8: timestamp -5 is before 1970-01-01 (events must fall between 1970 and 2200)",
            ])
    }

    @Test(arguments: [
        ("Retry-After", "inf", nil), ("Retry-After", "NaN", nil), ("Retry-After", "1e400", nil),
        ("Retry-After", "-5", nil),
        ("Retry-After", "0x10", nil), ("Retry-After", "", nil),
        ("Retry-After", "99999999999999999999999", Duration.seconds(60)),
        ("Retry-After", "9223372036854775807", .seconds(60)), ("Retry-After", "7", .seconds(7)),
        ("Retry-After", " 2 ", .seconds(2)), ("Retry-After", "1.5", .milliseconds(1_500)),
        ("Retry-After", "Sun, 22 Nov 2026 13:20:10 GMT", .seconds(10)),  // 10 s after the injected now
        ("Retry-After", "Sunday, 22-Nov-26 13:20:03 GMT", .seconds(3)),
        ("Retry-After", "Sun Nov 22 13:20:05 2026", .seconds(5)),
        ("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT", .zero),
        ("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT", .seconds(60)),
        ("x-ratelimit-reset", "4", .seconds(4)), ("x-ratelimit-reset", "1795353609", .seconds(9)),
        ("x-ratelimit-reset", "2026-11-22T13:20:06Z", .seconds(6)), ("x-ratelimit-reset", "-Infinity", nil),
    ])
    func absurdRateLimitHeadersNeverTrap(header: String, value: String, wait: Duration?) async throws {
        let server = try TestHTTPServer { request in
            request.number == 1
                ? HostileReplies.rateLimited([(header, value)]) : .init(body: #"{"customers": [], "meta": {}}"#)
        }
        let sleeps = LagoContractTests.Sleeps()
        let (api, _) = try Self.client(server, name: "lago", sleeps: sleeps)
        _ = try await api.get("/customers")
        #expect(sleeps.all == [wait ?? .milliseconds(500)], "\(header): \(value) (nil: the usual backoff)")
    }
}

@Suite("Secret scrubber")
struct SecretScrubberTests {
    static let key = HostileServerTests.key

    @Test func aKeySpelledWithUnicodeEscapesIsStillFound() throws {
        let spelled = Self.key.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
        let body = Array(#"{"name": "Acme \#(spelled)"}"#.utf8)
        let scrubbed = SecretScrubber(key: Self.key).data(try JSONParser.parse(bytes: body), body: body)
        #expect(scrubbed["name"]?.stringValue == "Acme \(SecretScrubber.mark)")
    }

    @Test func answersWithoutTheKeyAreLeftAsTheyAre() throws {
        let body = Array(#"{"name": "Bearer Industries", "note": "sk_live_9f8e is not the whole key"}"#.utf8)
        let value = try JSONParser.parse(bytes: body)
        #expect(
            SecretScrubber(key: Self.key).data(value, body: body) == value, "a word or a short prefix stays in data")
        #expect(
            SecretScrubber(key: Self.key).message("note: sk_live_9f8e") == "note: \(SecretScrubber.mark)",
            "but a message loses any 8-character start of the key")
    }

    @Test func aShortKeyIsReplacedOnlyAsAWholeToken() {
        let scrubber = SecretScrubber(key: "k1")
        #expect(
            scrubber.message("token k1 rejected; k12 and ak1 are other words")
                == "token \(SecretScrubber.mark) rejected; k12 and ak1 are other words")
    }
}
