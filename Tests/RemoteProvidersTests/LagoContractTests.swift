import Foundation
import HTTPTestSupport
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import UsageCore
@testable import RemoteProviders

/// LagoProvider against a real HTTP server on 127.0.0.1 answering in Lago's documented shapes.
@Suite("Lago contract over HTTP")
struct LagoContractTests {
    static let key = "lago-secret-key-123"

    /// Waits asked for by the client, recorded instead of slept (time is injected).
    final class Sleeps: Sendable {
        let waits = Mutex<[Duration]>([])
        func sleep(_ d: Duration) async throws { waits.withLock { $0.append(d) } }
        var all: [Duration] { waits.withLock { $0 } }
    }

    static func provider(
        _ server: TestHTTPServer, sleeps: Sleeps = Sleeps(), timeout: Duration = .seconds(60),
        maxBody: Int = 1 << 20, attempts: Int = 4
    ) throws -> LagoProvider {
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret(key), requestTimeout: timeout,
            maxBodyBytes: maxBody, maxAttempts: attempts)
        return LagoProvider(api: APIClient(configuration: configuration, sleep: sleeps.sleep, jitter: { 0 }))
    }

    static func customersPage(_ page: Int, of pages: Int) -> String {
        let next = page < pages ? String(page + 1) : "null"
        return
            #"{"customers": [{"external_id": "c\#(page)", "name": "Customer \#(page)", "currency": "EUR"}], "meta": {"current_page": \#(page), "next_page": \#(next)}}"#
    }

    @Test func followsPaginationAndSendsTheKey() async throws {
        let server = try TestHTTPServer { request in
            TestHTTPServer.Reply(body: Self.customersPage(Int(request.query["page"] ?? "1") ?? 1, of: 3))
        }
        let customers = try await Self.provider(server).customers()
        #expect(customers.map(\.id) == ["c1", "c2", "c3"])
        #expect(server.requests.map(\.path) == Array(repeating: "/api/v1/customers", count: 3))
        #expect(server.requests.allSatisfy { $0.authorization == "Bearer \(Self.key)" })
    }

    @Test func retryAfterIsHonouredThenTheCallSucceeds() async throws {
        let server = try TestHTTPServer { request in
            let n = request.number
            if n == 1 {
                return .init(
                    status: .tooManyRequests, headers: [("Retry-After", "1")],
                    body: #"{"status": 429, "error": "Too Many Requests"}"#)
            }
            return .init(body: Self.customersPage(1, of: 1))
        }
        let sleeps = Sleeps()
        let provider = try Self.provider(server, sleeps: sleeps)
        let customers = try await provider.customers()
        #expect(customers.count == 1)
        #expect(sleeps.all == [.seconds(1)])
        #expect(server.requests.count == 2)
        #expect(provider.callsMade == 2, "the retry counts as a call, as the rate limit counts it")
    }

    @Test func lagoRateLimitResetHeaderIsHonoured() async throws {
        let server = try TestHTTPServer { request in
            let n = request.number
            if n == 1 { return .init(status: .tooManyRequests, headers: [("x-ratelimit-reset", "3")], body: "{}") }
            return .init(body: Self.customersPage(1, of: 1))
        }
        let sleeps = Sleeps()
        _ = try await Self.provider(server, sleeps: sleeps).customers()
        #expect(sleeps.all == [.seconds(3)])
    }

    @Test func persistentServerErrorsEndInOneLineAfterBackoff() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: .internalServerError, body: #"{"status": 500, "error": "Internal Server Error"}"#)
        }
        let sleeps = Sleeps()
        await #expect(throws: APIError.self) { try await Self.provider(server, sleeps: sleeps).customers() }
        do {
            _ = try await Self.provider(server, sleeps: Sleeps()).customers()
        } catch let error as APIError {
            #expect(error.description == "lago: GET /customers: HTTP 500 Internal Server Error")
        }
        #expect(sleeps.all == [.milliseconds(500), .seconds(1), .seconds(2)], "exponential backoff between 4 attempts")
    }

    @Test(arguments: [
        (
            HTTPResponseStatus.unauthorized, #"{"status": 401, "error": "Unauthorized"}"#,
            "lago: GET /customers: HTTP 401 Unauthorized"
        ),
        (
            .unprocessableEntity, #"{"status": 422, "error": "Unprocessable Entity", "code": "validation_errors"}"#,
            "lago: GET /customers: HTTP 422 Unprocessable Entity: validation_errors"
        ),
        (.ok, #"{"customers": [tru"#, "lago: GET /customers: malformed JSON (invalid JSON at byte 19: expected true)"),
    ])
    func clientErrorsAreNotRetriedAndNameNoKey(status: HTTPResponseStatus, body: String, line: String) async throws {
        let server = try TestHTTPServer { _ in .init(status: status, body: body) }
        let sleeps = Sleeps()
        do {
            _ = try await Self.provider(server, sleeps: sleeps).customers()
            Issue.record("expected a failure")
        } catch let error as APIError {
            #expect(error.description == line)
            #expect(!error.description.contains(Self.key) && !String(reflecting: error).contains(Self.key))
        }
        #expect(server.requests.count == 1)
        #expect(sleeps.all.isEmpty)
    }

    @Test func oversizedBodiesAreCut() async throws {
        let big = #"{"customers": [], "pad": ""# + String(repeating: "x", count: 300_000) + #""}"#
        let server = try TestHTTPServer { _ in .init(body: big) }
        do {
            _ = try await Self.provider(server, maxBody: 100_000).customers()
            Issue.record("expected a failure")
        } catch let error as APIError {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test func slowResponsesTimeOut() async throws {
        let server = try TestHTTPServer { _ in .init(body: Self.customersPage(1, of: 1), delay: .seconds(20)) }
        do {
            _ = try await Self.provider(server, timeout: .milliseconds(300), attempts: 1).customers()
            Issue.record("expected a timeout")
        } catch let error as APIError {
            #expect(error.kind == .timeout)
            #expect(error.description == "lago: GET /customers: timed out")
        }
    }

    @Test func backoffScheduleIsCappedAndJittered() {
        let policy = RetryPolicy(base: .milliseconds(500), cap: .seconds(5))
        #expect(
            (1...5).map { policy.backoff(attempt: $0, jitter: 0) } == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5),
            ])
        #expect(policy.backoff(attempt: 1, jitter: 1) == .milliseconds(750))
        let notFound = APIError(provider: "p", kind: .http(status: 404, code: nil), message: "")
        #expect(policy.delay(after: notFound, attempt: 1, retryAfter: nil, jitter: 0) == nil)
    }
}
