import Foundation
import HTTPTestSupport
import Testing

/// The real binary against a real HTTP server speaking Hyperline's documented shapes.
@Suite("End to end against a provider API", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ProviderEndToEndTests {
    static let key = "hl_secret_key_never_shown"

    static func hyperline(port: Int = 0, failFirst: Bool = false, alwaysFail: Bool = false) throws -> TestHTTPServer {
        try TestHTTPServer(port: port, route: hyperlineRoute(failFirst: failFirst, alwaysFail: alwaysFail))
    }

    /// Hyperline's documented answers for a two-customer account.
    static func hyperlineRoute(failFirst: Bool = false, alwaysFail: Bool = false)
        -> @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Reply
    {
        { request in
            let n = request.number
            if alwaysFail { return .init(status: .internalServerError, body: #"{"message": "database unavailable"}"#) }
            if failFirst && n == 1 {
                return .init(status: .tooManyRequests, headers: [("Retry-After", "1")], body: "{}")
            }
            switch request.path {
            case "/v1/customers":
                return .init(
                    body:
                        #"{"meta": {"total": 2}, "data": [{"id": "cus_1", "name": "Acme Corp", "currency": "EUR"}, {"id": "cus_2", "name": "Globex", "currency": "USD"}]}"#
                )
            case "/v1/customers/cus_1":
                return .init(body: #"{"id": "cus_1", "name": "Acme Corp", "currency": "EUR"}"#)
            case "/v1/aggregators":
                return .init(
                    body:
                        #"{"meta": {"total": 1}, "data": [{"id": "agg_gb", "name": "Storage", "operation": "sum", "property": "gb", "unit_name": "GB"}]}"#
                )
            case let path where path.hasSuffix("/usage"):
                return .init(
                    body:
                        #"[{"aggregator_id": "agg_gb", "name": "Storage", "unit_name": "GB", "total": 0.3, "count": 2}]"#
                )
            case let path where path.hasSuffix("/timeseries"):
                return .init(
                    body:
                        #"{"timeseries": [{"tick": "2026-11-01T00:00:00Z", "count": 0.1}, {"tick": "2026-11-02T00:00:00Z", "count": 0.2}], "total": 0.3}"#
                )
            case let path where path.hasSuffix("/events"):
                return .init(
                    body:
                        #"{"meta": {"total": 2, "taken": 2, "skipped": 0}, "data": [{"id": "ev_a", "name": "store", "timestamp": "2026-11-01T08:00:00Z", "payload": {"gb": 0.1}}, {"id": "ev_b", "name": "store", "timestamp": "2026-11-02T08:00:00Z", "payload": {"gb": 0.2}}]}"#
                )
            default:
                return .init(status: .notFound, body: #"{"message": "Not found"}"#)
            }
        }
    }

    @Test func theDashboardWalksAHyperlineAccount() async throws {
        let server = try Self.hyperline()
        let tmux = try await Tmux(
            width: 100, height: 30, arguments: "--provider hyperline --base-url \(server.baseURL)",
            environment: "HYPERLINE_API_KEY=\(Self.key)")
        let start = await tmux.waitFor { $0.contains("Acme Corp") && $0.contains("2 of 2") }
        #expect(start.ok, "customers from the API:\n\(start.screen)")
        #expect(start.screen.contains("hyperline \(server.baseURL)"))
        try await tmux.send("Enter")
        #expect(
            await tmux.waitFor { $0.contains("Storage") && $0.contains("300 MB") }.ok,
            "the customer's usage (0.3 GB, scaled)")
        try await tmux.send("e")
        let events = await tmux.waitFor { $0.contains("ev_b") && $0.contains("page 1 of 1") }
        #expect(events.ok, "the events:\n\(events.screen)")
        try await tmux.send("Escape")
        try await tmux.send("Enter")
        #expect(await tmux.waitFor { $0.contains("total 300 MB") }.ok, "the chart")
        let last = await tmux.screen()
        #expect(!events.screen.contains(Self.key) && !last.contains(Self.key))
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
        #expect(server.requests.allSatisfy { $0.authorization == "Bearer \(Self.key)" })
    }

    @Test func headlessNumbersRetryAfterA429AndFailInOneLine() async throws {
        let server = try Self.hyperline(failFirst: true)
        let env = ["HYPERLINE_API_KEY": Self.key]
        let started = Date()
        let ok = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--provider", "hyperline", "--base-url", server.baseURL, "--customer", "cus_1", "--format",
                "json",
            ], extra: env)
        #expect(Date().timeIntervalSince(started) >= 1, "Retry-After: 1 was waited for")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains(#""provider": "hyperline""#) && ok.stdout.contains(#""total": 0.3, "count": 2"#))
        let broken = try Self.hyperline(alwaysFail: true)
        let failed = try await Program.run(
            Tmux.binary,
            [
                "customers", "--provider", "hyperline", "--base-url", broken.baseURL,
            ], extra: env)
        #expect(failed.status == 1)
        #expect(
            failed.stderr
                == "usagetop: hyperline: GET /v1/aggregators: HTTP 500 Internal Server Error: database unavailable\n")
        #expect(!(ok.stdout + ok.stderr + failed.stdout + failed.stderr).contains(Self.key))
        let log = ok.log
        #expect(log.contains("HTTP 429") && log.contains("retry_in=1.0 seconds"), "the wait is in the log")
        #expect(!log.contains(Self.key), "the log never holds the key")
    }
}

/// A server that echoes the request (its Authorization header) into every error body: the key must reach neither
/// the terminal, nor stderr, nor the log.
@Suite("End to end against an echoing server", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct EchoingServerEndToEndTests {
    static let key = "hl_live_0123456789abcdef0123456789abcdef"

    @Test func theKeyStaysOffStderrTheLogAndTheScreen() async throws {
        let server = try TestHTTPServer { HostileReplies.echo($0, status: .internalServerError) }
        let state = ProcessScratch.root.appendingPathComponent("echo-\(UUID().uuidString)").path
        let failed = try await Program.run(
            Tmux.binary,
            [
                "customers", "--provider", "hyperline", "--base-url", server.baseURL,
            ], extra: ["HYPERLINE_API_KEY": Self.key, "XDG_STATE_HOME": state])
        #expect(failed.status == 1 && failed.stderr.hasPrefix("usagetop: hyperline: GET /v1/aggregators: HTTP 500"))
        #expect(failed.stderr.contains("Bearer <redacted>") && !failed.stderr.contains(Self.key), "\(failed.stderr)")
        let log = try String(contentsOfFile: state + "/usagetop/usagetop.log", encoding: .utf8)
        #expect(log.contains("Bearer <redacted>") && !log.contains(Self.key))
        #expect(log.split(separator: "\n").count == 4, "one line per try, and no line forged by the echoed newlines")
        let tmux = try await Tmux(
            width: 120, height: 40, arguments: "monitor --provider hyperline --base-url \(server.baseURL)",
            environment: "HYPERLINE_API_KEY=\(Self.key)")
        let banner = await tmux.waitFor(40) { $0.contains("✖") && $0.contains("Bearer <redacted>") }
        #expect(banner.ok, "the monitor names the failure:\n\(banner.screen)")
        #expect(!banner.screen.contains(Self.key) && !banner.screen.contains(Self.key.prefix(12)))
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
