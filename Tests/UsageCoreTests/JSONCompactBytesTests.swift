import Testing
import UsageCore

/// Ingest keeps an event's properties as `JSONWriter.compact` writes them but makes the text from the line's bytes:
/// both ways must give the same text for every document the byte path accepts.
@Suite("Compact JSON from bytes")
struct JSONCompactBytesTests {
    @Test func agreesWithTheWriterOnGeneratedDocuments() throws {
        var random = SeededRandom(seed: 0xC0FFEE)
        var compared = 0
        for _ in 0..<3_000 {
            let text = JSONDifferentialTests.document(&random, depth: 0)
            let bytes = Array(text.utf8)
            let value = try JSONParser.parse(bytes: bytes)
            guard let fromBytes = JSONWriter.compact(plainJSON: bytes[...]) else {
                #expect(bytes.contains { $0 == UInt8(ascii: "\\") || $0 >= 0x7F }, "refused plain ASCII: \(text)")
                continue
            }
            #expect(fromBytes == JSONWriter.compact(value), "\(text)")
            compared += 1
        }
        #expect(compared > 1_000)
    }

    @Test func refusesWhatTheWriterWouldReescape() {
        for text in [#"{"a": "\u001b[31m"}"#, #"{"a": "é"}"#, #"{"a": "\/"}"#, "{\"a\": \"\u{7F}\"}"] {
            #expect(JSONWriter.compact(plainJSON: Array(text.utf8)[...]) == nil, "\(text)")
        }
    }

    @Test func theSpanOfAMemberIsItsFirstTopLevelValue() throws {
        let text = #"{"a": {"properties": 1}, "properties" :  {"x": [1, 2]} , "properties": 3}"#
        let bytes = Array(text.utf8)
        let (value, span) = try JSONParser.parse(bytes: bytes, spanOf: "properties")
        let range = try #require(span)
        #expect(String(decoding: bytes[range], as: UTF8.self) == #"{"x": [1, 2]}"#)
        #expect(value["properties"] == .object([("x", .array([.number("1"), .number("2")]))]))
        #expect(try JSONParser.parse(bytes: Array(#"{"a": 1}"#.utf8), spanOf: "properties").span == nil)
    }
}
