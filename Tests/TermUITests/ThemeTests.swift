import Foundation
import Testing
import TermUI

@Suite("Themes: the compiled-in default is the schema")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test func everyBundledThemeIsCompiledInAndLoadsWithoutWarnings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDir).filter {
            $0.hasSuffix(".theme")
        }
        #expect(
            Set(files.map { String($0.dropLast(6)) }) == Set(ThemeLoader.bundled.keys), "every file is in the binary")
        for (name, text) in ThemeLoader.bundled {
            let loaded = ThemeLoader.parse(text, name: name)
            #expect(loaded.warnings.isEmpty, "\(name): \(loaded.warnings)")
            #expect(try String(contentsOfFile: Self.themesDir + "/\(name).theme", encoding: .utf8) == text)
        }
        #expect(
            try ThemeLoader.load(name: "light", from: []).get().theme.name == "light", "found with no folder at all")
    }

    @Test func missingKeysFallBackAndUnknownKeysWarn() {
        let loaded = ThemeLoader.parse(
            """
            # comment
            title = "#ff0000 bold"   # trailing comment
            sparkle = "1"
            accent = "purple-ish"
            """, name: "t")
        #expect(loaded.theme.entry(.title) == ThemeEntry(.rgb(255, 0, 0), .bold))
        #expect(loaded.theme.entry(.border) == Theme.defaultRoles[.border])
        #expect(loaded.theme.entry(.tableSorter) == loaded.theme.entry(.accent), "widget keys fall back to roles")
        #expect(loaded.warnings.contains("t line 3: unknown key 'sparkle' ignored"))
        #expect(loaded.warnings.contains { $0.hasPrefix("t line 4: accent: 'purple-ish' is neither a colour") })
        #expect(loaded.warnings.last?.hasPrefix("t: missing roles use the default: background, foreground") == true)
    }

    @Test func searchOrderIsFlagThenConfigThenBundled() throws {
        let dirs = ThemeLoader.searchPath(themesDir: "/flag", environment: ["XDG_CONFIG_HOME": "/cfg"])
        #expect(dirs == ["/flag", "/cfg/usagetop/themes"])
        #expect(ThemeLoader.searchPath(themesDir: nil, environment: ["HOME": "/h"]) == ["/h/.config/usagetop/themes"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "usagetop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "title = \"#ff0000\"".write(
            to: folder.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        let mine = try ThemeLoader.load(name: "light", from: [folder.path]).get()
        #expect(mine.theme.entry(.title) == ThemeEntry(.rgb(255, 0, 0)), "a user's theme overrides the bundled one")
        guard case .failure(let issue) = ThemeLoader.load(name: "nope", from: [Self.themesDir]) else {
            Issue.record("an unknown theme must fail")
            return
        }
        #expect(issue.message.contains("available: ansi16, colorblind, default, high-contrast, light, mono"))
    }

    @Test func coloursQuantiseForSmallTerminals() {
        #expect(ColorQuantizer.index(.rgb(255, 0, 0), colors: 256) == 196)
        #expect(ColorQuantizer.index(.rgb(255, 0, 0), colors: 8) == 1)
        #expect(ColorQuantizer.index(.indexed(203), colors: 16) == 9)
        #expect(ColorQuantizer.index(.indexed(4), colors: 8) == 4)
        #expect(ColorQuantizer.index(.default, colors: 256) == -1)
        #expect(ColorQuantizer.index(.rgb(128, 128, 128), colors: 256) == 244)
    }
}

/// 8-colour and vt100 terminals: what a small palette would hide is drawn so that it shows.
@Suite("Colours on small palettes")
struct SmallPaletteTests {
    @Test func everyBundledThemeKeepsBordersAndTheSelectionVisibleOnEightColoursAndNone() throws {
        for name in ThemeLoader.bundled.keys.sorted() {
            let theme = ThemeLoader.parse(ThemeLoader.bundled[name]!, name: name).theme
            for colors in [0, 8] {
                for role in [ThemeRole.border, .muted, .foreground, .title] {
                    let style = theme.text(role)
                    let drawn = ColorQuantizer.visible(style, colors: colors)
                    #expect(
                        !(drawn.foreground == 0 && (drawn.background == 0 || drawn.background == -1)) || drawn.reverse,
                        "\(name) \(role) on \(colors) colours is black on black")
                    #expect(
                        drawn.foreground == -1 || drawn.foreground != drawn.background, "\(name) \(role): same colours")
                }
                let selection = ColorQuantizer.visible(theme.fill(.selection), colors: colors)
                let shows =
                    selection.reverse || (selection.background > 0)
                    || theme.fill(.selection).attributes.contains(.reverse)
                #expect(shows, "\(name) selection invisible on \(colors) colours")
            }
        }
    }

    @Test func aGreyBorderBecomesTheTerminalForegroundAndALostFillReverseVideo() {
        let border = Style(foreground: .indexed(240), background: .default)
        #expect(ColorQuantizer.index(.indexed(240), colors: 8) == 0, "grey collapses to black on 8 colours")
        #expect(ColorQuantizer.visible(border, colors: 8) == (foreground: -1, background: -1, reverse: false))
        let selection = Style(foreground: .indexed(252), background: .indexed(236))
        #expect(ColorQuantizer.visible(selection, colors: 8).reverse)
        #expect(ColorQuantizer.visible(selection, colors: 0).reverse)
        #expect(ColorQuantizer.visible(selection, colors: 256) == (foreground: 252, background: 236, reverse: false))
    }
}
