import Foundation
import Testing
import UsageCore

@Suite("JSON parsing keeps numbers exact and rejects malformed input")
struct JSONParserTests {
    @Test func keepsNumberTextAndMemberOrder() throws {
        let value = try JSONParser.parse(#"{"b": 0.1, "a": [1, -2.50e3, true, null], "c": "x\u00e9\n"}"#)
        #expect(value["b"] == .number("0.1"))
        #expect(value["a"] == .array([.number("1"), .number("-2.50e3"), .bool(true), .null]))
        #expect(value["c"] == .string("xé\n"))
        #expect(
            JSONWriter.compact(value)
                == #"{"b": 0.1, "a": [1, -2.50e3, true, null], "c": "x\u00e9\n"}"#
                .replacingOccurrences(of: "\\u00e9", with: "é"))
    }

    @Test func decimalsAddExactly() throws {
        let a = try #require(try JSONParser.parse("0.1").decimalValue)
        let b = try #require(try JSONParser.parse("0.2").decimalValue)
        #expect(a + b == Decimal(string: "0.3"))
        #expect(DecimalText.format(a + b) == "0.3")
    }

    @Test(arguments: [
        ("", "unexpected end of input"), ("{", "expected a member name"), (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "unexpected character"), ("01", "unexpected text after the value"), (#""abc"#, "unterminated string"),
        ("nul", "expected null"), ("1.", "malformed number"), (#"{"a":1} x"#, "unexpected text after the value"),
    ])
    func rejectsMalformedInputWithAReason(input: String, reason: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test func prettyPrintsWithTwoSpaceIndent() throws {
        let value = try JSONParser.parse(#"{"a": {"b": [1, 2]}, "c": {}}"#)
        #expect(
            JSONWriter.pretty(value) == "{\n  \"a\": {\n    \"b\": [\n      1,\n      2\n    ]\n  },\n  \"c\": {}\n}")
    }

    @Test func escapesControlCharactersOnOutput() {
        #expect(JSONWriter.quote("a\u{1b}[2J\"") == #""a\u001b[2J\"""#)
    }
}
