/// Makes untrusted text safe to put in cells: control characters, bidi overrides and other invisible
/// formatting become a visible `�`, so data can never move the cursor, retitle the window or reorder text.
public enum TextSanitizer {
    /// The placeholder drawn instead of an unsafe character.
    public static let placeholder: Character = "\u{FFFD}"

    /// `text` with every unsafe grapheme replaced by the placeholder, and every emoji sequence (joined with ZWJ,
    /// skin-toned, with a variation selector or tags) drawn as its first emoji: terminals and curses measure such a
    /// sequence scalar by scalar (`👩‍💻` as four columns, `❤️` as one) where a grapheme-aware one draws two, so a
    /// name holding one would leave stray cells; its first emoji has one width everywhere.
    public static func sanitize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            guard isSafe(character) else {
                out.append(placeholder)
                continue
            }
            let scalars = character.unicodeScalars
            if scalars.count > 1, let first = scalars.first, scalars.contains(where: isSequenceMark) {
                out.unicodeScalars.append(first)
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A scalar that makes an emoji sequence: ZWJ, a variation selector, a skin tone, a tag, the keycap mark.
    private static func isSequenceMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0x20E3: true
        default: false
        }
    }

    /// Whether a grapheme can be drawn as it is.
    public static func isSafe(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        let compound = scalars.count > 1
        for scalar in scalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
                || v == 0x061C
            {
                return false
            }
            if scalar.properties.generalCategory == .format {
                // ZWJ and variation selectors are fine inside emoji sequences, never alone.
                let joiner = v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xE0020...0xE007F).contains(v)
                if !(compound && joiner) { return false }
            }
            if scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
            {
                return false
            }
        }
        return true
    }
}
