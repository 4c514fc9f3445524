import Testing
import UsageCore

@Suite("Escaped text for stderr and the log")
struct EscapedTextTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("two\nlines", "two\\nlines"), ("cr\rlf", "cr\\rlf"), ("tab\there", "tab\\there"),
        ("\u{1B}]0;owned\u{07}", "\\x1B]0;owned\\x07"), ("\u{1B}[2J", "\\x1B[2J"), ("del\u{7F}", "del\\x7F"),
        ("nul\u{0}x", "nul\\x00x"), ("c1\u{9B}31m", "c1\\u{009B}31m"), ("rtl\u{202E}txt", "rtl\\u{202E}txt"),
        ("sep\u{2028}x", "sep\\u{2028}x"), ("Zürich 東京 😀", "Zürich 東京 😀"),
    ])
    func oneLineEscapesEveryControl(input: String, expected: String) {
        #expect(EscapedText.line(input) == expected)
    }

    @Test func severalLinesKeepLineFeedsAndTabs() {
        #expect(EscapedText.lines("Usage:\n\tusagetop \u{1B}[2J") == "Usage:\n\tusagetop \\x1B[2J")
    }
}
