import AppConfig
import Foundation
import HTTPTestSupport
import Logging
import Testing
@testable import RemoteProviders
import UsageCore

@Suite("Request log")
struct LoggingTests {
    @Test func requestsAreLoggedToTheFileWithoutTheKey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("usagetop.log").path
        let sink = try #require(FileLogHandler.Sink(path: path))
        let logger = Logger(label: "usagetop.lago") { label in FileLogHandler(label: label, sink: sink) }
        let server = try TestHTTPServer { request in
            let n = request.number
            return n == 1
                ? .init(status: .serviceUnavailable, body: #"{"error": "down"}"#)
                : .init(body: #"{"customers": [], "meta": {}}"#)
        }
        let secret = "sk_live_do_not_log_me"
        let configuration = try APIConfiguration(providerName: "lago", baseURL: server.baseURL, apiKey: Secret(secret))
        let api = APIClient(configuration: configuration, logger: logger, sleep: { _ in }, jitter: { 0 })
        _ = try await api.get("/customers", query: [("page", "1")])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("warning usagetop.lago: GET /customers: HTTP 503 Service Unavailable: down"))
        #expect(lines[0].contains("attempt=1") && lines[0].contains("retry_in=0.5 seconds"))
        #expect(lines[1].contains("info usagetop.lago: GET /customers ok") && lines[1].contains("attempt=2"))
        #expect(!text.contains(secret))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}

@Suite("Request log hygiene")
struct LogHygieneTests {
    @Test func aMessageWithNewlinesAndEscapesStaysOneEscapedLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("usagetop.log").path
        let sink = try #require(FileLogHandler.Sink(path: path))
        let logger = Logger(label: "usagetop.lago") { label in FileLogHandler(label: label, sink: sink) }
        logger.warning(
            "GET /x: HTTP 500: boom\n2026-11-22T00:00:00Z info usagetop.lago: forged \u{1B}[2J",
            metadata: ["id": "a\nb"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1, "no forged line")
        #expect(text.contains("boom\\n2026-11-22T00:00:00Z info usagetop.lago: forged \\x1B[2J id=a\\nb"))
        #expect(!text.contains("\u{1B}"))
    }
}
