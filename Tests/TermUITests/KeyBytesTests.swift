import KeyInput
import Testing
@testable import TermUI

/// Raw bytes of a burst of input as keys: text runs whole, control keys and escape sequences as their keys, and a
/// character or sequence cut by the read left for the next one.
@Suite("Keys from raw bytes")
struct KeyBytesTests {
    static func keys(_ text: String) -> [Key] { KeyBytes.decode(Array(text.utf8)).keys }

    @Test func textRunsAreOneEventAndControlKeysTheirOwn() {
        #expect(Self.keys("abc") == [.text("abc")])
        #expect(Self.keys("a") == [.character("a")])
        #expect(
            Self.keys("ab\rc\u{7F}\tx\u{0C}") == [
                .text("ab"), .enter, .character("c"), .backspace, .tab, .character("x"), .character("\u{0C}"),
            ])
        #expect(Self.keys("é☃🎉") == [.text("é☃🎉")])
    }

    @Test func escapeSequencesAreTheirKeysAndUnknownOnesAreDropped() {
        #expect(Self.keys("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[D") == [.up, .down, .right, .left])
        #expect(
            Self.keys("\u{1B}[5~\u{1B}[6~\u{1B}[1~\u{1B}[4~\u{1B}[H\u{1B}[F\u{1B}[Z") == [
                .pageUp, .pageDown, .home, .end, .home, .end, .backTab,
            ])
        #expect(
            Self.keys("a\u{1B}[3~b\u{1B}[<0;10;5Mc\u{1B}[M !!d") == [
                .character("a"), .character("b"), .character("c"), .character("d"),
            ])
        #expect(Self.keys("\u{1B}x") == [.escape, .character("x")])
    }

    @Test func whatTheReadCutIsLeftForTheNext() {
        let snowman = Array("☃".utf8)
        let cut = KeyBytes.decode(Array("ab".utf8) + snowman.prefix(2))
        #expect(cut.keys == [.text("ab")] && cut.rest == Array(snowman.prefix(2)))
        let whole = KeyBytes.decode(cut.rest + snowman.suffix(1) + Array("!".utf8))
        #expect(whole.keys == [.text("☃!")] && whole.rest.isEmpty)
        let sequence = KeyBytes.decode(Array("x\u{1B}[1".utf8))
        #expect(sequence.keys == [.character("x")] && sequence.rest == Array("\u{1B}[1".utf8))
        #expect(KeyBytes.decode([0x1B]).rest == [0x1B], "a lone Esc at the end may start a sequence")
    }
}
