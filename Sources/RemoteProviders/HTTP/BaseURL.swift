import Foundation

/// A provider's base URL, parsed strictly so that the host the key is sent to is the host that was checked:
/// `http` or `https`, a host name, IPv4 or bracketed IPv6 address, an optional port 1–65535 and a path; no user
/// name or password, query, fragment, backslash, space or control character. Plain `http` is allowed only to a
/// loopback host: `127.0.0.0/8`, `::1` or exactly `localhost`.
struct BaseURL: Sendable, Hashable {
    /// `http` or `https`, lower case.
    var scheme: String
    /// The host as written, lower case; IPv6 without brackets.
    var host: String
    /// The port, when one is given.
    var port: Int?
    /// The path without a trailing slash (`/api/v1`, or empty).
    var path: String

    /// The canonical text requests are built from: `scheme://host[:port]path`.
    var text: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(port.map { ":\($0)" } ?? "")\(path)"
    }

    /// Whether the host is a loopback address or exactly `localhost`.
    var isLoopback: Bool {
        if host == "localhost" { return true }
        if host.contains(":") {
            var address = in6_addr()
            return inet_pton(AF_INET6, host, &address) == 1
                && withUnsafeBytes(of: &address) { Array($0) } == Array(repeating: 0, count: 15) + [1]
        }
        return Self.ipv4Octets(host)?.first == 127
    }

    /// Parses `text`, or says in one line what is wrong with it.
    static func parse(_ text: String) -> Result<BaseURL, Problem> {
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }) {
            return .failure(Problem("contains spaces, control or non-ASCII characters"))
        }
        if text.contains("\\") { return .failure(Problem("contains a backslash")) }
        let lower = text.lowercased()
        guard let scheme = ["https", "http"].first(where: { lower.hasPrefix($0 + "://") }) else {
            return .failure(Problem("must start with https:// (or http:// to a loopback address)"))
        }
        let rest = text.dropFirst(scheme.count + 3)
        if rest.contains("?") || rest.contains("#") {
            return .failure(Problem("must not have a query (?) or fragment (#)"))
        }
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        if authority.contains("@") { return .failure(Problem("must not contain a user name or password (user@host)")) }
        return hostAndPort(authority).map { BaseURL(scheme: scheme, host: $0.host, port: $0.port, path: path) }
    }

    /// Why a base URL was refused.
    struct Problem: Error, Hashable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func hostAndPort(_ authority: Substring) -> Result<(host: String, port: Int?), Problem> {
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                return .failure(Problem("has an unclosed [ in the host"))
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                return .failure(Problem("has text after the ] of the host"))
            }
            portText = after.isEmpty ? nil : after.dropFirst()
            var address = in6_addr()
            guard inet_pton(AF_INET6, String(host), &address) == 1 else {
                return .failure(Problem("has an invalid IPv6 address"))
            }
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            portText = parts.count > 1 ? parts[1] : nil
            let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            guard !host.isEmpty, allowed else { return .failure(Problem("has no valid host name")) }
        }
        guard let portText else { return .success((host.lowercased(), nil)) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText),
            (1...65_535).contains(port)
        else {
            return .failure(Problem("has port '\(portText)', which is not a number from 1 to 65535"))
        }
        return .success((host.lowercased(), port))
    }

    /// The four octets of a dotted-quad IPv4 address written without leading zeros, else nil.
    static func ipv4Octets(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let value = Int(part), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets
    }
}
