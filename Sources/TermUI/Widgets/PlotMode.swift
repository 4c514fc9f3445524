/// How sparklines and charts draw: braille dots (fine), block eighths, or ASCII characters.
public enum PlotMode: String, Sendable, Hashable, CaseIterable {
    case braille
    case block
    case ascii

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = [" ", ".", ".", ":", ":", "|", "|", "#", "#"]

    /// The braille cell with the bottom `left` and `right` dots (0–4) filled in each column.
    static func braille(left: Int, right: Int) -> Character {
        let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        var code: UInt32 = 0x2800
        for i in 0..<min(4, max(0, left)) { code |= leftBits[i] }
        for i in 0..<min(4, max(0, right)) { code |= rightBits[i] }
        return Character(Unicode.Scalar(code)!)
    }

    /// `values` resampled to `count` slots, each the largest value it covers (empty slots repeat the last).
    static func resample(_ values: [Double], to count: Int) -> [Double] {
        guard count > 0, !values.isEmpty else { return Array(repeating: 0, count: max(0, count)) }
        return (0..<count).map { slot in
            let lower = slot * values.count / count
            let upper = max(lower + 1, (slot + 1) * values.count / count)
            return values[lower..<min(upper, values.count)].max() ?? 0
        }
    }
}
