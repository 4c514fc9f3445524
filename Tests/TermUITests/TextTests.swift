import Testing
import TermUI

@Suite("Sanitizing and display width over hostile and international strings")
struct TextTests {
    @Test(arguments: [
        ("plain", "plain"), ("tab\there", "tab�here"), ("bell\u{07}", "bell�"), ("del\u{7f}", "del�"),
        ("c1\u{9b}31m", "c1�31m"), ("rtl\u{202e}evil", "rtl�evil"), ("iso\u{2066}late", "iso�late"),
        ("zero\u{200b}width", "zero�width"), ("line\u{2028}sep", "line�sep"), ("crlf\r\n", "crlf�"),
        ("family 👨‍👩‍👧", "family 👨"), ("flag 🇫🇷", "flag 🇫🇷"), ("café", "café"), ("e\u{301}", "e\u{301}"),
    ])
    func sanitizes(input: String, expected: String) {
        #expect(TextSanitizer.sanitize(input) == expected)
    }

    @Test(arguments: [
        ("abc", 3), ("日本語", 6), ("한국어", 6), ("emoji 🙂", 8), ("👨‍👩‍👧", 2), ("e\u{301}", 1), ("ｱｲ", 2),
        ("ＡＢ", 4), ("❤️", 2), ("🇫🇷", 2),
    ])
    func measuresWidthPerGrapheme(input: String, width: Int) {
        #expect(TextWidth.of(input) == width)
    }

    @Test func theFastPathTakesOnlySafeSingleWidthText() {
        #expect(TextWidth.isSimple("−42.5% ⣿⣀ │ ▼ 12:00 · café"))
        #expect(!TextWidth.isSimple("bell\u{07}") && !TextWidth.isSimple("日本") && !TextWidth.isSimple("e\u{301}"))
        #expect(!TextWidth.isSimple("rtl\u{202e}") && !TextWidth.isSimple("\u{9b}") && !TextWidth.isSimple("🙂"))
    }

    /// An emoji sequence is drawn as its first emoji, whose width curses, terminals and TextWidth agree on.
    @Test(arguments: [
        ("Dev 👩‍💻", "Dev 👩", 6), ("👍🏽", "👍", 2), ("❤️ Co", "❤ Co", 4), ("1️⃣", "1", 1), ("Zoe\u{0308}", "Zoe\u{0308}", 3),
        ("東京", "東京", 4),
    ])
    func emojiSequencesAreDrawnAsTheirFirstEmoji(text: String, drawn: String, width: Int) {
        #expect(TextSanitizer.sanitize(text) == drawn)
        #expect(TextWidth.of(TextSanitizer.sanitize(text)) == width)
    }

    @Test func truncatesWithEllipsisWithoutSplittingGraphemes() {
        #expect(TextWidth.truncate("Acme Corporation", to: 8) == "Acme Co…")
        #expect(TextWidth.truncate("日本語テキスト", to: 6) == "日本…")
        #expect(TextWidth.truncate("👨‍👩‍👧👨‍👩‍👧", to: 3) == "👨‍👩‍👧…")
        #expect(TextWidth.truncate("short", to: 5) == "short")
        #expect(TextWidth.fit("日本", to: 5) == "日本 ")
        #expect(TextWidth.fit("7", to: 3, alignRight: true) == "  7")
    }
}

/// `--ascii` and non-UTF-8 locales: no non-ASCII glyph reaches the terminal, and columns stay where they were.
@Suite("ASCII folding")
struct ASCIIFoldingTests {
    @Test func interfaceGlyphsBecomeLookAlikesAndColumnsKeepTheirWidth() {
        #expect(ASCIIText.fold("│ this month · 12:00 ▼ … → ›") == "| this month . 12:00 v ~ > >")
        #expect(ASCIIText.fold("École Ünïcode") == "Ecole Unicode")
        #expect(ASCIIText.fold("東京") == "????", "a wide grapheme is ? in each column it took")
        #expect(ASCIIText.fold("⣿⠀") == "# ")
    }

    @Test func aFoldedBufferHoldsOnlyASCII() {
        var buffer = Buffer(width: 12, height: 1)
        _ = buffer.write("┌東京·…▲┐", x: 0, y: 0, style: .plain)
        buffer.foldToASCII()
        #expect(buffer.line(0) == "+????.~^+   ")
        #expect(buffer.cells.allSatisfy { $0.symbol.utf8.allSatisfy { $0 < 0x80 } })
    }
}
