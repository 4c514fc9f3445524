import Testing
import TermUI

@Suite("Buffer writes, wide graphemes and diffs")
struct BufferTests {
    @Test func writesClipToLimitAndBuffer() {
        var buffer = Buffer(lines: ["xxxxxxxx"])
        let used = buffer.write("hello world", x: 2, y: 0, style: .plain, limit: 4)
        #expect(used == 4)
        #expect(buffer.text == "xxhellxx")
        buffer.write("abcdef", x: 5, y: 0, style: .plain)
        #expect(buffer.text == "xxhelabc")
    }

    @Test func wideGraphemesTakeTwoCellsAndNeverSplit() {
        var buffer = Buffer(lines: ["xxxxxx"])
        buffer.write("日本", x: 0, y: 0, style: .plain)
        #expect(buffer.text == "日本xx")
        #expect(buffer[1, 0].isContinuation)
        buffer.write("語", x: 5, y: 0, style: .plain)
        #expect(buffer.text == "日本xx", "a wide grapheme that does not fit is not drawn half")
        buffer.write("a", x: 1, y: 0, style: .plain)
        #expect(buffer.text == " a本xx", "overwriting half of a wide grapheme blanks the other half")
    }

    @Test func controlCharactersNeverReachCells() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.write("\u{1b}]0;owned\u{07}A\u{1b}[2J", x: 0, y: 0, style: .plain)
        #expect(buffer.text == "�]0;owned�A�")
        #expect(!buffer.cells.contains { $0.symbol.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func changesListOnlyWhatDiffers() {
        let style = Style(foreground: .indexed(1))
        var before = Buffer(width: 6, height: 2)
        before.write("abc", x: 0, y: 0, style: .plain)
        var after = before
        after.write("Z", x: 1, y: 0, style: style)
        after.write("q", x: 5, y: 1, style: .plain)
        #expect(
            after.changes(since: before) == [
                CellRun(x: 1, y: 0, text: "Z", style: style), CellRun(x: 5, y: 1, text: "q", style: .plain),
            ])
        #expect(after.changes(since: nil).count == 4, "a full redraw sends every row, split by style")
        #expect(after.changes(since: after).isEmpty)
    }

    @Test func dumpShowsTextAndStyleRuns() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("ab", x: 1, y: 0, style: Style(foreground: .indexed(3), attributes: .bold))
        #expect(buffer.dump == "size 4x1\n| ab |\nstyles:\n0: 0-0 fg=- bg=-; 1-2 fg=3 bg=- bold; 3-3 fg=- bg=-\n")
    }
}
