import Foundation
import HTTPTestSupport
import Testing

@Suite("Test HTTP server")
struct TestServerStopTests {
    /// Another server of the run can be handed the port between the stop and the checks (a machine whose ephemeral
    /// range covers the test's ports), so the check is made on up to three fresh ports; a server whose stop left it
    /// listening fails all three.
    @Test func aStoppedServerRefusesAndItsPortCanBeTakenAgain() throws {
        var outcomes: [Outcome] = []
        for _ in 0..<3 {
            let outcome = try Self.stopAndTakeAgain()
            outcomes.append(outcome)
            if outcome.refusedOnceStopped && outcome.servedAgain { break }
        }
        let last = try #require(outcomes.last)
        #expect(last.refusedOnceStopped, "connections are refused once stopped (attempts: \(outcomes))")
        #expect(last.servedAgain, "the port can be taken again and serves (attempts: \(outcomes))")
    }

    /// What one stop-and-rebind showed.
    struct Outcome: CustomStringConvertible {
        var port: Int
        var refusedOnceStopped: Bool
        var servedAgain: Bool
        var description: String { "port \(port): refused \(refusedOnceStopped), served again \(servedAgain)" }
    }

    static func stopAndTakeAgain() throws -> Outcome {
        var started: TestHTTPServer?
        for _ in 0..<20 where started == nil {
            started = try? TestHTTPServer(port: Self.candidatePort()) { _ in .init(body: "{}") }
        }
        let server = try #require(started)
        let port = server.port
        server.stop()
        let refused = !Self.connects(port: port)
        let again = try? TestHTTPServer(port: port) { _ in .init(body: "{}") }
        defer { again?.stop() }
        return Outcome(
            port: port, refusedOnceStopped: refused, servedAgain: again?.port == port && Self.connects(port: port))
    }

    /// A port from 20,000 to 30,000 (above the PostgreSQL test servers' ports), outside the kernel's ephemeral range
    /// where the machine's range allows, so that servers binding port 0 are not handed it.
    static func candidatePort() -> Int {
        let candidates = 20_000..<30_000
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let bounds = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard bounds.count == 2 else { return Int.random(in: candidates) }
        let outside = candidates.filter { $0 < bounds[0] || $0 > bounds[1] }
        return outside.randomElement() ?? Int.random(in: candidates)
    }

    static func connects(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
