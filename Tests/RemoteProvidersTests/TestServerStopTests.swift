import Foundation
import HTTPTestSupport
import Testing

@Suite("Test HTTP server")
struct TestServerStopTests {
    @Test func aStoppedServerRefusesAndItsPortCanBeTakenAgain() throws {
        // A port below the kernel's ephemeral range (32768 and up), so that no other test's server, which binds
        // port 0, can be handed it between the stop and the checks, and above the PostgreSQL test servers' ports.
        var started: TestHTTPServer?
        for _ in 0..<20 where started == nil {
            started = try? TestHTTPServer(port: Int.random(in: 20_000..<30_000)) { _ in .init(body: "{}") }
        }
        let server = try #require(started)
        let port = server.port
        server.stop()
        #expect(!Self.connects(port: port), "connections are refused once stopped")
        let again = try TestHTTPServer(port: port) { _ in .init(body: "{}") }
        #expect(again.port == port && Self.connects(port: port))
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
