import Foundation

/// A server that speaks PostgreSQL's protocol just far enough to take a login (no TLS, any user and password:
/// AuthenticationOk, a BackendKeyData and ReadyForQuery) and then never answers: every later message is read and
/// dropped, the connection stays open. What a hung server or a broken proxy looks like to a client.
public final class SilentPostgres: @unchecked Sendable {
    /// The loopback port it listens on.
    public let port: Int
    private let listener: Int32

    /// Starts listening on a free loopback port, each connection on a thread of its own.
    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread { Self.serve(client) }.start()
            }
        }.start()
    }

    /// A URL for it (the password is never checked).
    public var url: String { "postgres://usagetop@127.0.0.1:\(port)/usage?sslmode=disable" }

    private static func serve(_ client: Int32) {
        defer { close(client) }
        // The startup message, after an SSLRequest refused with 'N'.
        while true {
            guard let head = read(client, count: 8) else { return }
            let length = Int(head[0...3].reduce(0) { $0 << 8 | UInt32($1) })
            let code = head[4...7].reduce(0) { $0 << 8 | UInt32($1) }
            if code == 80_877_103 {  // SSLRequest
                guard write(client, [UInt8(ascii: "N")]) else { return }
                continue
            }
            guard length >= 8, read(client, count: length - 8) != nil else { return }
            break
        }
        var reply: [UInt8] = []
        reply += message("R", int32(0))  // AuthenticationOk
        for (name, value) in [
            ("server_version", "15.0"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"),
            ("integer_datetimes", "on"), ("standard_conforming_strings", "on"),
        ] {
            reply += message("S", Array(name.utf8) + [0] + Array(value.utf8) + [0])
        }
        reply += message("K", int32(4_242) + int32(1_234))
        reply += message("Z", [UInt8(ascii: "I")])
        guard write(client, reply) else { return }
        while read(client, count: 1) != nil {}  // everything after the login goes unanswered
    }

    private static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [UInt8(type.asciiValue!)] + int32(Int32(body.count + 4)) + body
    }

    private static func int32(_ value: Int32) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    private static func read(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes[done...].withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count - done) }
            if got <= 0 { return nil }
            done += got
        }
        return bytes
    }

    private static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }
}
