import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import UsageCore

/// GETs JSON from a provider's API over AsyncHTTPClient, with a deadline, a body-size cap and retries;
/// every failure becomes one `APIError` line that names no secret. Everything the server sends back (data, error
/// messages, the log) passes through the key's `SecretScrubber` first, for servers that echo the request.
public struct APIClient: Sendable {
    /// The configuration.
    public let configuration: APIConfiguration
    private let policy: RetryPolicy
    private let sleep: @Sendable (Duration) async throws -> Void
    private let jitter: @Sendable () -> Double
    private let now: @Sendable () -> Date
    private let client: HTTPClient
    private let throttle: RequestThrottle?
    private let logger: Logger
    private let scrubber: SecretScrubber
    private let counter = CallCounter()

    /// Creates a client. `sleep`, `jitter` and `now` are injectable so tests control time; `throttle` keeps calls
    /// under the provider's rate limit and bounds how many run at once.
    public init(
        configuration: APIConfiguration, policy: RetryPolicy = RetryPolicy(), client: HTTPClient = .forProviders,
        throttle: RequestThrottle? = nil, logger: Logger? = nil,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.policy = policy
        self.client = client
        self.throttle = throttle
        self.logger = logger ?? Logger(label: "usagetop.\(configuration.providerName)")
        self.sleep = sleep
        self.jitter = jitter
        self.now = now
        scrubber = configuration.scrubber
    }

    /// The HTTP exchanges this client (and every copy of it) has started, each try of a retried call counted.
    public var callsMade: Int { counter.value }

    /// How many calls may usefully run at once: the throttle's concurrency limit (four without one).
    public var concurrency: Int { throttle?.maxConcurrent ?? 4 }

    /// GETs `path` with `query` and parses the body as JSON, retrying as the policy allows.
    public func get(_ path: String, query: [(String, String)] = []) async throws(APIError) -> JSONValue {
        try await send(.GET, path, query: query, body: nil)
    }

    /// POSTs a JSON `body` to `path` (for APIs that take reads as POST) and parses the answer.
    public func post(_ path: String, body: JSONValue) async throws(APIError) -> JSONValue {
        try await send(.POST, path, query: [], body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: JSONValue?)
        async throws(APIError) -> JSONValue
    {
        let url = configuration.baseURL + path + Self.encode(query)
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            do {
                let value = try await throttled { () async throws(Failure) in
                    try await once(method, url: url, path: path, body: body)
                }
                logger.info(
                    "\(scrubber.message("\(method) \(path)")) ok",
                    metadata: ["ms": "\(Self.milliseconds(since: started))", "attempt": "\(attempt)"])
                return value
            } catch let failure {
                let wait =
                    attempt < configuration.maxAttempts
                    ? policy.delay(
                        after: failure.error, attempt: attempt, retryAfter: failure.retryAfter, jitter: jitter())
                    : nil
                logger.warning(
                    "\(failure.error.message)",
                    metadata: [
                        "ms": "\(Self.milliseconds(since: started))", "attempt": "\(attempt)",
                        "retry_in": "\(wait.map { "\($0)" } ?? "no")",
                    ])
                guard let wait else { throw failure.error }
                do {
                    try await sleep(wait)
                } catch {
                    throw APIError(
                        provider: configuration.providerName, kind: .cancelled, message: "\(method) \(path): cancelled")
                }
                attempt += 1
            }
        }
    }

    /// Runs one HTTP exchange inside the throttle (a slot and a rate token), releasing the slot after.
    private func throttled(_ body: () async throws(Failure) -> JSONValue) async throws(Failure) -> JSONValue {
        guard let throttle else { return try await body() }
        do {
            try await throttle.acquire()
        } catch {
            throw Failure(error: APIError(provider: configuration.providerName, kind: .cancelled, message: "cancelled"))
        }
        do {
            let value = try await body()
            await throttle.release()
            return value
        } catch {
            await throttle.release()
            throw error
        }
    }

    private struct Failure: Error {
        var error: APIError
        var retryAfter: Duration?
    }

    /// One try: the answer with the key scrubbed from its strings, or a failure whose message names no secret.
    private func once(_ method: HTTPMethod, url: String, path: String, body requestBody: JSONValue?)
        async throws(Failure) -> JSONValue
    {
        counter.add()
        do {
            return try await answer(method, url: url, path: path, body: requestBody)
        } catch {
            var failure = error
            failure.error.message = Self.shortened(scrubber.message(failure.error.message))
            throw failure
        }
    }

    /// The parsed answer with the key scrubbed from its strings; failures still carry the server's words.
    private func answer(_ method: HTTPMethod, url: String, path: String, body requestBody: JSONValue?)
        async throws(Failure) -> JSONValue
    {
        let name = configuration.providerName
        let response: HTTPClient.Response
        do {
            response = try await exchange(method, url: url, body: requestBody)
        } catch {
            throw Failure(
                error: Self.transportError(
                    error, provider: name, call: "\(method) \(path)", limit: configuration.maxBodyBytes))
        }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        guard (200..<300).contains(response.status.code) else {
            let error = Self.httpError(status: response.status, body: bytes, provider: name, call: "\(method) \(path)")
            throw Failure(error: error, retryAfter: RetryAfter.wait(in: response.headers, now: now()))
        }
        do {
            return scrubber.data(try JSONParser.parse(bytes: bytes), body: bytes)
        } catch {
            throw Failure(
                error: APIError(
                    provider: name, kind: .malformed, message: "\(method) \(path): malformed JSON (\(error))"))
        }
    }

    /// One HTTP exchange on AsyncHTTPClient's event-loop API: the deadline covers the whole exchange, the body
    /// included (a server that drips its body times out like one that never answers), and it is kept by a NIO
    /// event loop, so a busy cooperative pool can neither delay it nor let a late answer through.
    private func exchange(_ method: HTTPMethod, url: String, body: JSONValue?) async throws -> HTTPClient.Response {
        var headers = HTTPHeaders()
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey.value)")
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "usagetop")
        let request = try HTTPClient.Request(
            url: url, method: method, headers: headers, body: body.map { .string(JSONWriter.compact($0)) })
        let accumulator = ResponseAccumulator(request: request, maxBodySize: configuration.maxBodyBytes)
        let task = client.execute(
            request: request, delegate: accumulator, deadline: .now() + TimeAmount(configuration.requestTimeout))
        return try await withTaskCancellationHandler {
            try await task.futureResult.get()
        } onCancel: {
            task.cancel()
        }
    }

    /// A message cut to 300 characters (after scrubbing, so no cut can leave part of a key behind).
    static func shortened(_ message: String) -> String {
        message.count <= 300 ? message : String(message.prefix(299)) + "…"
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    /// An id percent-encoded for use as one path segment.
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?"
            + query.map { key, value in
                "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key)="
                    + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            }.joined(separator: "&")
    }

    static func httpError(status: HTTPResponseStatus, body: [UInt8], provider: String, call: String) -> APIError {
        let parsed = try? JSONParser.parse(bytes: body)
        let nested = parsed?["error"]?["message"]?.stringValue
        let code = parsed?["code"]?.stringValue ?? parsed?["error"]?["type"]?.stringValue
        let said = [nested, parsed?["message"]?.stringValue, parsed?["error"]?.stringValue, code]
            .compactMap { $0 }.filter { !$0.isEmpty }
        var text = "\(call): HTTP \(status.code) \(status.reasonPhrase)"
        if let first = said.first(where: { $0 != status.reasonPhrase }) {
            text += ": " + String(first.prefix(4_096))
        }
        if let code, !text.contains(code) { text += " (\(code))" }
        return APIError(provider: provider, kind: .http(status: Int(status.code), code: code), message: text)
    }

    static func transportError(_ error: any Error, provider: String, call: String, limit: Int) -> APIError {
        if error is ResponseAccumulator.ResponseTooBigError {
            return APIError(
                provider: provider, kind: .tooLarge, message: "\(call): response larger than \(limit / 1_048_576) MiB")
        }
        if error is CancellationError || (error as? HTTPClientError) == .cancelled {
            return APIError(provider: provider, kind: .cancelled, message: "\(call): cancelled")
        }
        if let client = error as? HTTPClientError,
            client == .deadlineExceeded || client == .readTimeout
                || client == .connectTimeout
        {
            return APIError(provider: provider, kind: .timeout, message: "\(call): timed out")
        }
        let text = String(describing: error)
        let reason: String
        if text.contains("Connection refused") {
            reason = "connection refused"
        } else if text.contains("Connection reset") {
            reason = "connection reset by the server"
        } else if text.contains("lookup") || text.contains("resolve") {
            reason = "host not found"
        } else if text.contains("TLS") || text.contains("SSL") || text.contains("certificate") {
            reason = "TLS handshake failed"
        } else {
            reason = "connection failed (\(text.split(separator: "\n").first.map { String($0.prefix(120)) } ?? ""))"
        }
        return APIError(provider: provider, kind: .transport, message: "\(call): \(reason)")
    }
}

extension HTTPClient {
    /// The client every provider shares: a failed connection fails the attempt at once (5 s at most to connect),
    /// so `RetryPolicy` decides the retries and a backend that went away shows as failing within seconds, not
    /// after the pool's own reconnection attempts run out the request deadline.
    public static let forProviders: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
