import Testing
import TermUI

@Suite("Widgets drawn into a buffer, compared to pictures")
struct WidgetTests {
    @Test func blockSparklineScalesToTheLargestValue() {
        var buffer = Buffer(lines: ["xxxxxxxxxx"])
        Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], mode: .block, style: .plain)
            .render(in: Rect(x: 0, y: 0, width: 9, height: 1), buffer: &buffer)
        #expect(buffer == Buffer(lines: [" ▁▂▃▄▅▆▇█x"]))
    }

    @Test func brailleSparklinePacksTwoValuesPerCell() {
        #expect(Sparkline.text(values: [0, 4, 2, 4], width: 2, mode: .braille) == "⢸⣼")
        #expect(Sparkline.text(values: [], width: 3, mode: .braille) == "")
        #expect(Sparkline.text(values: [0, 0], width: 2, mode: .block) == "  ")
        #expect(
            Sparkline.text(values: [1, 9, 2, 3], width: 2, mode: .ascii) == "#:", "more values than cells keep maxima")
        #expect(Sparkline.text(values: [5], width: 0, mode: .block) == "")
    }

    @Test func blockDrawsBordersAndTitles() {
        var buffer = Buffer(width: 12, height: 3)
        Block(title: "Title", footer: "f", borderStyle: .plain, titleStyle: .plain)
            .render(in: buffer.area, buffer: &buffer)
        #expect(buffer == Buffer(lines: ["┌ Title ───┐", "│          │", "└─────── f ┘"]))
    }

    @Test func tableShowsHeaderSelectionAndOnlyVisibleRows() {
        var buffer = Buffer(lines: Array(repeating: "xxxxxxxxxxxx", count: 4))
        let selected = Style(attributes: .reverse)
        var asked: [Int] = []
        Table(
            columns: [.init("Name", width: 0), .init("N", width: 3, alignRight: true)], rowCount: 1_000, offset: 10,
            selected: 11, style: .plain, headerStyle: .plain, selectedStyle: selected,
            cell: { row, column in
                asked.append(row)
                return column == 0 ? "row\(row)" : "\(row % 100)"
            }
        ).render(in: Rect(x: 0, y: 0, width: 12, height: 4), buffer: &buffer)
        #expect(buffer.text == "Name       N\nrow10     10\nrow11     11\nrow12     12")
        #expect(buffer[0, 2].style == selected && buffer[0, 1].style == .plain)
        #expect(Set(asked) == [10, 11, 12], "only visible rows are asked for")
    }

    @Test func tableLayoutShrinksFromTheRight() {
        #expect(
            Table.layout([.init("a", width: 0), .init("b", width: 5), .init("c", width: 5)], width: 20) == [8, 5, 5])
        #expect(
            Table.layout([.init("a", width: 6), .init("b", width: 5), .init("c", width: 5)], width: 10) == [6, 2, 0])
    }

    @Test func chartDrawsAxisBarsAndTicks() {
        var buffer = Buffer(width: 12, height: 5)
        Chart(
            values: [1, 2, 4, 2], mode: .block, style: .plain, axisStyle: .plain, axisLabels: ["4", "2", "0"],
            ticks: [(0, "a"), (2, "c")]
        ).render(in: buffer.area, buffer: &buffer)
        #expect(
            buffer.text
                == [
                    "4 │     ██  ",
                    "2 │   ▄▄██▄▄",
                    "0 │▆▆▆██████",
                    "  └─────────",
                    "   a   c    ",
                ].joined(separator: "\n"))
    }

    @Test func modalCentresAndClearsWhatIsUnder() {
        var buffer = Buffer(lines: Array(repeating: "xxxxxxxxxxxxxx", count: 5))
        Modal(title: "T", lines: ["hi"], style: .plain, borderStyle: .plain, titleStyle: .plain, glyphs: .ascii)
            .render(in: buffer.area, buffer: &buffer)
        #expect(buffer.text == "xxxxxxxxxxxxxx\nxx+ T ----+xxx\nxx| hi    |xxx\nxx+-------+xxx\nxxxxxxxxxxxxxx")
    }

    @Test func statusBarDropsHintsThatDoNotFit() {
        var buffer = Buffer(width: 20, height: 1)
        StatusBar(
            hints: [("q", "quit"), ("?", "help"), ("r", "refresh")], message: "ok", style: .plain,
            keyStyle: .plain, messageStyle: .plain
        ).render(in: buffer.area, buffer: &buffer)
        #expect(buffer.text == " q quit  ? help  ok ")
        var pinned = Buffer(width: 20, height: 1)
        StatusBar(
            hints: [("r", "refresh"), ("?", "help"), ("q", "quit")], message: "ok", style: .plain,
            keyStyle: .plain, messageStyle: .plain, pinned: 2
        ).render(in: pinned.area, buffer: &pinned)
        #expect(pinned.text == " ? help  q quit  ok ", "other hints make room for the pinned ones")
    }
}
