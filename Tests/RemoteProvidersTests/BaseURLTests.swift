import Foundation
import Testing
@testable import RemoteProviders
import UsageCore

/// Plain http is decided on the parsed host, never on the URL's text; what cannot be parsed strictly is refused.
@Suite("Base URLs and keys")
struct BaseURLTests {
    static func configure(_ url: String, key: String = "k-123") -> Result<String, APIError> {
        Result { () throws(APIError) in
            try APIConfiguration(providerName: "lago", baseURL: url, apiKey: Secret(key)).baseURL
        }
    }

    @Test(arguments: [
        ("https://api.getlago.com/api/v1/", "https://api.getlago.com/api/v1"),
        ("HTTPS://API.EU.GetLago.com/api/v1", "https://api.eu.getlago.com/api/v1"),
        ("http://localhost:3000/api/v1", "http://localhost:3000/api/v1"), ("http://LOCALHOST", "http://localhost"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"), ("http://127.255.10.1/x", "http://127.255.10.1/x"),
        ("http://[::1]:8080/api", "http://[::1]:8080/api"), ("http://[0:0:0:0:0:0:0:1]", "http://[0:0:0:0:0:0:0:1]"),
        ("https://[2001:db8::1]:443", "https://[2001:db8::1]:443"), ("https://h:65535", "https://h:65535"),
    ])
    func acceptedInCanonicalForm(url: String, canonical: String) throws {
        #expect(try Self.configure(url).get() == canonical)
    }

    @Test(arguments: [
        ("http://127.0.0.1@evil.example.com/api", "must not contain a user name or password"),
        ("http://localhost:3000@evil.example.com", "must not contain a user name or password"),
        ("https://user:hunter2@api.getlago.com", "must not contain a user name or password"),
        ("http://127.0.0.1.evil.example.com/api", "use https://"),
        ("http://localhost.evil.example.com", "use https://"),
        ("http://127.0.0.1evil.com", "use https://"), ("http://0x7f.0.0.1", "use https://"),
        ("http://127.1", "use https://"),
        ("http://0127.0.0.1", "use https://"), ("http://2130706433", "use https://"),
        ("http://[::ffff:127.0.0.1]", "use https://"),
        ("http://localhost.", "use https://"), ("http://lago.example.com/api/v1", "use https://"),
        ("http://localhost:99999", "port '99999', which is not a number from 1 to 65535"),
        ("https://api.getlago.com:0", "port '0'"), ("http://localhost:+80", "port '+80'"),
        ("http://localhost:18446744073709551616", "port '18446744073709551616'"), ("http://localhost:", "port ''"),
        ("http://evil.example.com\\@127.0.0.1", "backslash"), ("http://127.0.0.1 @evil.com", "spaces"),
        ("http://127.0.0.1\t.evil.com", "control"), ("https://api.getlago.com/api?x=1", "query"),
        ("https://api.getlago.com/#frag", "fragment"), ("ftp://localhost", "must start with https://"),
        ("//localhost", "must start with https://"), ("http://", "no valid host name"), ("http://[::1", "unclosed ["),
        ("http://[zz::1]", "invalid IPv6"), ("http://[::1]x", "text after the ]"),
        ("http://lo%63alhost", "no valid host name"),
    ])
    func refusedWithAClearLine(url: String, reason: String) {
        switch Self.configure(url) {
        case .success(let accepted): Issue.record("accepted \(url) as \(accepted)")
        case .failure(let error):
            #expect(error.kind == .invalidConfiguration && error.description.contains(reason), "\(error)")
            #expect(!error.description.contains("hunter2"), "a password in the URL is never repeated")
        }
    }

    @Test(arguments: ["sk-top\r\nX-Evil: 1", "sk-top\u{1B}[2J", "sk top", "sk-tøp", ""])
    func aKeyThatCannotTravelInAHeaderIsRefusedUnshown(key: String) {
        switch Self.configure("https://api.getlago.com", key: key) {
        case .success: Issue.record("accepted a key with a control, space or non-ASCII character")
        case .failure(let error):
            #expect(error.description.contains("the API key is empty or holds a space, control or non-ASCII character"))
            #expect(key.isEmpty || !error.description.contains("sk"), "the key is not shown")
        }
    }
}
