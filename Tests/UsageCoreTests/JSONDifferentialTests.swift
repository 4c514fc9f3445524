import Foundation
import Testing
import UsageCore

/// The JSON parser against Foundation's `JSONSerialization` on generated documents and on mutations of them (bytes
/// flipped, inserted, deleted, cut short): both must accept the same inputs and read the same values.
///
/// Where the two legitimately differ, inputs are set aside rather than compared: Foundation guesses UTF-16 or -32
/// from NUL bytes and skips a byte-order mark, keeps only the last of duplicate keys, turns numbers beyond a `Double`
/// into errors, treats unpaired surrogate escapes its own way (this parser writes U+FFFD), and accepts a comma before
/// a closing `]` or `}` (`[1,]`), which RFC 8259 and this parser refuse.
@Suite("JSON parser against JSONSerialization")
struct JSONDifferentialTests {

    static let numbers = [
        "0", "-0", "1", "-1", "12.5", "0.001", "1e5", "1E-5", "-2.5e+3", "123456789012345678", "3.14159",
        "1e300", "-1e-300", "9007199254740993", "0.1",
    ]
    static let strings = [
        "", "a", "Zürich", "東京", "😀", "\\u00e9", "\\ud83d\\ude00", "quote \\\" inside", "back\\\\slash",
        "\\n\\t\\r\\b\\f", "\\/", "\\u0000", "tab\\u0009", "€ and ¢",
    ]

    static func document(_ random: inout SeededRandom, depth: Int) -> String {
        switch depth > 3 ? random.below(4) : random.below(7) {
        case 0: return random.pick(numbers)
        case 1: return "\"" + random.pick(strings) + "\""
        case 2: return random.pick(["true", "false", "null"])
        case 3: return "\"k" + String(random.below(1000)) + "\""
        case 4, 5:
            let count = random.below(5)
            let members = (0..<count).map { index in
                "\"key\(index)\"" + random.pick([":", " : ", ":\n"]) + document(&random, depth: depth + 1)
            }
            return "{" + members.joined(separator: random.pick([",", ", ", ",\n\t"])) + "}"
        default:
            let items = (0..<random.below(5)).map { _ in document(&random, depth: depth + 1) }
            return "[" + items.joined(separator: random.pick([",", " , "])) + "]"
        }
    }

    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + random.below(3)) {
            let position = out.isEmpty ? 0 : random.below(out.count)
            let interesting: [UInt8] = [
                0x22, 0x5C, 0x2C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x20, 0x0A, 0x2D, 0x2E, 0x65, 0x30, 0x39,
                0x75, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF, 0xE2, 0x80,
            ]
            switch random.below(4) {
            case 0 where !out.isEmpty: out[position] = random.pick(interesting)
            case 1: out.insert(random.pick(interesting), at: position)
            case 2 where !out.isEmpty: out.remove(at: position)
            default: out = Array(out.prefix(position))
            }
        }
        return out
    }

    /// Whether Foundation and this parser are expected to differ on `bytes` for reasons this suite documents.
    static func setAside(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        if text.contains("\\ud8") || text.contains("\\ud9") || text.contains("\\uda") || text.contains("\\udb")
            || text.contains("\\udc") || text.contains("\\udd") || text.contains("\\ude") || text.contains("\\udf")
        {
            return true
        }
        // A trailing comma, spaces allowed before the bracket.
        let squeezed = text.filter { !" \t\n\r".contains($0) }
        return squeezed.contains(",]") || squeezed.contains(",}")
    }

    /// Whether the value holds something Foundation reads differently (a number past a `Double`, a repeated key).
    static func setAside(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let text): return !(Double(text)?.isFinite ?? false)
        case .array(let items): return items.contains(where: setAside)
        case .object(let members):
            return Set(members.map(\.0)).count != members.count || members.contains { setAside($0.1) }
        default: return false
        }
    }

    static func same(_ ours: JSONValue, _ theirs: Any) -> Bool {
        switch ours {
        case .null: return theirs is NSNull
        case .bool(let flag): return (theirs as? Bool) == flag
        case .string(let text): return (theirs as? String) == text
        case .number(let text):
            guard let expected = Double(text), let number = theirs as? NSNumber else { return false }
            let actual = number.doubleValue
            return actual == expected || abs(actual - expected) <= abs(expected) * 1e-15
        case .array(let items):
            guard let other = theirs as? [Any], other.count == items.count else { return false }
            return zip(items, other).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let other = theirs as? [String: Any], other.count == members.count else { return false }
            return members.allSatisfy { key, value in other[key].map { same(value, $0) } ?? false }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func bothAcceptTheSameInputsAndReadTheSameValues(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var compared = 0, rejected = 0
        for round in 0..<4_000 {
            let original = Array(Self.document(&random, depth: 0).utf8)
            let bytes = round % 2 == 0 ? original : Self.mutate(original, &random)
            if Self.setAside(bytes) { continue }
            let ours = try? JSONParser.parse(bytes: bytes)
            if let ours, Self.setAside(ours) { continue }
            let theirs = try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
            compared += 1
            if ours == nil { rejected += 1 }
            let input = String(decoding: bytes, as: UTF8.self)
            #expect(
                (ours == nil) == (theirs == nil),
                "seed \(seed) round \(round): accept/reject differ on \(input.debugDescription)")
            if let ours, let theirs {
                #expect(
                    Self.same(ours, theirs), "seed \(seed) round \(round): values differ on \(input.debugDescription)")
            }
        }
        #expect(compared > 3_000, "enough inputs were compared, not set aside")
        #expect(
            rejected > 500 && compared - rejected > 2_000,
            "both valid and invalid inputs: \(rejected) of \(compared) rejected")
    }
}
