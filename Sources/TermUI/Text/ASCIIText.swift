import Foundation

/// Text for terminals and fonts that show ASCII only (`--ascii`, a non-UTF-8 locale): the interface's own glyphs
/// become their ASCII look-alikes, accented Latin letters lose their accents, and anything else is `?` in every
/// column it took, so columns stay where they are.
public enum ASCIIText {
    /// The interface's glyphs and their ASCII forms.
    static let glyphs: [Character: Character] = [
        "│": "|", "┃": "|", "─": "-", "━": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┼": "+",
        "┬": "+", "┴": "+", "┄": "-", "┈": "-", "·": ".", "•": "*", "…": "~", "→": ">", "←": "<", "↑": "^", "↓": "v",
        "›": ">", "‹": "<", "▸": ">", "▼": "v", "▲": "^", "▏": "_", "—": "-", "–": "-", "×": "x", "≈": "~", "±": "+",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "█": "#", "▇": "#", "▆": "#", "▅": "=", "▄": "=", "▃": "-", "▂": "_",
        "▁": "_", "⚠": "!", "✓": "v", "✗": "x", "°": "o", "\u{00A0}": " ",
    ]

    /// `text` in ASCII, each grapheme as many columns wide as before.
    public static func fold(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        return text.reduce(into: "") { out, character in out += fold(character) }
    }

    /// One grapheme in ASCII, as many columns wide as it was.
    public static func fold(_ character: Character) -> String {
        if character.isASCII { return String(character) }
        if let glyph = glyphs[character] { return String(glyph) }
        let width = TextWidth.of(character)
        if width == 1, let plain = String(character).folding(options: .diacriticInsensitive, locale: nil).first,
            plain.isASCII, plain.isLetter
        {
            return String(plain)
        }
        if let scalar = character.unicodeScalars.first, (0x2800...0x28FF).contains(scalar.value) {
            return scalar.value == 0x2800 ? " " : "#"
        }
        return String(repeating: "?", count: width)
    }
}

extension Buffer {
    /// Every cell's grapheme in ASCII (`ASCIIText`); a wide grapheme becomes `?` in both of its columns.
    public mutating func foldToASCII() {
        for y in 0..<height {
            var x = 0
            while x < width {
                let cell = self[x, y]
                let folded = ASCIIText.fold(Character(cell.symbol.isEmpty ? " " : cell.symbol))
                if folded != cell.symbol {
                    for (offset, c) in folded.enumerated() {
                        self[x + offset, y] = Cell(String(c), style: cell.style)
                    }
                }
                x += max(1, folded.count)
            }
        }
    }
}
