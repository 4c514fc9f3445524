import Foundation
import HTTPTestSupport
import Testing

/// Ctrl-L repairs a screen another program wrote over (a `wall` message, a background job's output), in the
/// dashboard and in the monitor, as htop does: curses clears the terminal and repaints every cell.
@Suite(
    "End to end: Ctrl-L repaints a damaged screen", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct RepaintEndToEndTests {
    @Test(arguments: ["", "monitor --refresh 3600"])
    func ctrlLRepaintsWhatAnotherProgramWroteOver(command: String) async throws {
        let db = try await Program.demoStore("repaint", customers: 6, days: 10)
        let tmux = try await Tmux(width: 100, height: 30, arguments: "\(command) --db \(db)")
        #expect(await tmux.waitFor { $0.contains("Acme Labs") }.ok, "drawn")
        // Another program writes straight to the terminal, behind usagetop's back.
        let tty = await tmux.paneValue("#{pane_tty}")
        let damage = "\u{1B}[5;3HDAMAGE-DAMAGE-DAMAGE\u{1B}[12;40HMORE-DAMAGE"
        try damage.write(toFile: tty, atomically: false, encoding: .utf8)
        #expect(await tmux.waitFor { $0.contains("DAMAGE-DAMAGE") }.ok, "the screen is damaged")
        try await tmux.send("C-l")
        let repaired = await tmux.waitFor { !$0.contains("DAMAGE") && $0.contains("Acme Labs") }
        #expect(repaired.ok, "Ctrl-L repainted every cell:\n\(repaired.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
