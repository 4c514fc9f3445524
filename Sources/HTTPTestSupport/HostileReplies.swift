import NIOCore
import NIOHTTP1

/// Answers a well-behaved provider never gives, for contract tests of what the client does with them.
public enum HostileReplies {
    /// An error whose body repeats the request's headers, as some gateways and proxies do: in the `message`
    /// (Hyperline), `error` (Lago) and `error.message` (Prolifi) fields at once, the Authorization header included.
    public static func echo(_ request: TestHTTPServer.Request, status: HTTPResponseStatus = .unauthorized)
        -> TestHTTPServer.Reply
    {
        let headers = request.headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        let quoted = jsonString("rejected \(request.method) \(request.uri) with headers:\n\(headers)")
        return TestHTTPServer.Reply(
            status: status,
            body: #"{"status": \#(status.code), "message": \#(quoted), "error": \#(quoted), "code": \#(quoted)}"#)
    }

    /// A Prolifi-shaped error whose `error.message` repeats the request's headers.
    public static func nestedEcho(_ request: TestHTTPServer.Request, status: HTTPResponseStatus = .internalServerError)
        -> TestHTTPServer.Reply
    {
        let headers = request.headers.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
        return TestHTTPServer.Reply(
            status: status,
            body: #"{"error": {"type": "api_error", "message": \#(jsonString("upstream saw " + headers))}}"#)
    }

    /// A success whose body (`body`) arrives one byte every `interval` after the head.
    public static func drip(_ body: String, every interval: TimeAmount) -> TestHTTPServer.Reply {
        TestHTTPServer.Reply(body: body, drip: interval)
    }

    /// A 429 carrying `headers` (absurd `Retry-After` or `x-ratelimit-reset` values).
    public static func rateLimited(_ headers: [(String, String)]) -> TestHTTPServer.Reply {
        TestHTTPServer.Reply(
            status: .tooManyRequests, headers: [("Content-Type", "application/json")] + headers,
            body: #"{"status": 429, "error": "Too Many Requests"}"#)
    }

    /// `text` as a JSON string literal.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
