import AppConfig
import Foundation
import Testing
import UsageCore

@Suite("config.toml profiles and API key sources")
struct ConfigTests {
    static let sample = """
        # usagetop profiles
        [profiles.lago-eu]
        provider = "lago"
        base_url = "https://api.eu.getlago.com/api/v1"
        api_key_env = "LAGO_EU_KEY"
        theme = "light"
        refresh = 30

        [profiles.hyperline-sandbox]
        provider = "hyperline"
        base_url = "https://sandbox.api.hyperline.co"
        api_key_command = "printf 'from-a-password-manager\\\\n'"
        """

    /// Parses `text`, failing the test on any warning.
    static func parsed(_ text: String, path: String) throws -> ConfigFile {
        var warnings: [String] = []
        let config = try ConfigFile.parse(text, path: path, warnings: &warnings)
        #expect(warnings.isEmpty, "\(warnings)")
        return config
    }

    @Test func alertRulesParseExactlyAndAProfileCanReplaceThem() throws {
        let text = """
            [alerts]
            baseline_factor = 2.5
            baseline_days = 14

            [[alerts.limits]]
            metric = "api_calls"
            hour = 5000
            day = 0.1

            [[alerts.limits]]
            metric = "storage_gb"
            customer = "cus_00042"
            day = "900.25"
            level = "warn"

            [profiles.quiet]
            provider = "local"
            [profiles.quiet.alerts]
            baseline_factor = 0

            [profiles.plain]
            provider = "local"
            """
        let config = try ConfigTests.parsed(text, path: "config.toml")
        let rules = config.alertRules(profile: try config.profile("plain"))
        #expect(
            rules.baselineFactor == Decimal(string: "2.5") && rules.baselineDays == 14 && rules.minimumBaseline == 10)
        #expect(
            rules.thresholds == [
                AlertRules.Threshold(metric: "api_calls", hour: 5000, day: Decimal(string: "0.1")),
                AlertRules.Threshold(
                    metric: "storage_gb", customerID: "cus_00042", day: Decimal(string: "900.25"), level: .warning),
            ])
        let quiet = config.alertRules(profile: try config.profile("quiet"))
        #expect(quiet.baselineFactor == nil && quiet.thresholds.isEmpty, "a profile's table replaces the top-level one")
        #expect(ConfigFile().alertRules(profile: nil) == AlertRules())
        #expect(throws: UsageError.self) {
            try ConfigTests.parsed("[alerts]\nbaseline_factor = \"lots\"", path: "config.toml")
        }
    }

    @Test func keysAreKeyNamesOrListsOfThem() throws {
        let config = try ConfigTests.parsed("[keys]\nrefresh = \"R\"\nquit = [\"q\", \"F10\"]\n", path: "config.toml")
        #expect(config.keys == ["refresh": ["R"], "quit": ["q", "F10"]])
        #expect(throws: UsageError.self) { try ConfigTests.parsed("[keys]\nrefresh = 5\n", path: "config.toml") }
    }

    @Test func theMouseIsOnUnlessTheFileTheProfileOrTheFlagTurnsItOff() throws {
        let config = try ConfigTests.parsed(
            "mouse = false\n[profiles.wall]\nmouse = true\n[profiles.desk]\n", path: "config.toml")
        #expect(!config.usesMouse(profile: try config.profile("desk"), noMouseFlag: false))
        #expect(
            config.usesMouse(profile: try config.profile("wall"), noMouseFlag: false),
            "a profile replaces the file's value")
        #expect(!config.usesMouse(profile: try config.profile("wall"), noMouseFlag: true), "--no-mouse wins")
        #expect(ConfigFile().usesMouse(profile: nil, noMouseFlag: false))
    }

    @Test func profilesParse() throws {
        let config = try ConfigTests.parsed(Self.sample, path: "config.toml")
        let eu = try config.profile("lago-eu")
        #expect(
            eu
                == Profile(
                    provider: "lago", baseURL: "https://api.eu.getlago.com/api/v1", apiKeyEnv: "LAGO_EU_KEY",
                    theme: "light", refresh: 30))
        #expect(throws: UsageError(.notFound, "no profile 'prod' in config.toml (known: hyperline-sandbox, lago-eu)")) {
            try config.profile("prod")
        }
    }

    @Test func malformedFilesNameTheLine() {
        #expect(throws: UsageError.self) { try ConfigTests.parsed("[profiles.x]\nprovider = ", path: "c.toml") }
        do {
            _ = try ConfigTests.parsed("[profiles.x]\nprovider = ", path: "c.toml")
        } catch let error as UsageError {
            #expect(error.message.hasPrefix("c.toml line 2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aWorldReadableConfigIsWarnedAbout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "usagetop-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.toml").path
        try Self.sample.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        var warnings: [String] = []
        _ = try ConfigFile.load(path: path, warnings: &warnings)
        #expect(warnings == ["\(path) is readable by other users; run: chmod 600 \(path)"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        warnings = []
        _ = try ConfigFile.load(path: path, warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(
            try ConfigFile.load(path: folder.appendingPathComponent("missing.toml").path, warnings: &warnings).profiles
                .isEmpty)
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/c"]) == "/c/usagetop/config.toml")
    }

    @Test(arguments: [
        ("[profiles.x]\nrefresh = \"fast\"", "c.toml: profiles.x.refresh must be a whole number, not text"),
        ("[profiles.x]\nrefresh = 0", "c.toml: profiles.x.refresh must be from 1 to 86400, not 0"),
        ("[profiles.x]\nrefresh = -5", "c.toml: profiles.x.refresh must be from 1 to 86400, not -5"),
        ("[profiles.x]\nrefresh = 2.5", "c.toml: profiles.x.refresh must be a whole number, not a decimal number"),
        (
            "[profiles.x]\nprovider = \"stripe\"",
            "c.toml: profiles.x.provider must be one of local, lago, hyperline, prolifi, not 'stripe'"
        ),
        ("[profiles.x]\nbase_url = 5", "c.toml: profiles.x.base_url must be text in quotes, not a whole number"),
        ("profiles = 3", "c.toml: profiles must be a table, not a whole number"),
        ("[alerts]\nbaseline_factor = \"lots\"", "c.toml: alerts.baseline_factor must be a number, not text"),
        ("[alerts]\nbaseline_days = 100000", "c.toml: alerts.baseline_days must be from 1 to 365, not 100000"),
        (
            "[[alerts.limits]]\nmetric = \"m\"\nlevel = \"panic\"",
            "c.toml: alerts.limits[1].level must be one of warn, error, not 'panic'"
        ),
        ("mouse = \"off\"", "c.toml: mouse must be true or false, not text"),
        (
            "week_start = \"sundy\"",
            "c.toml: week_start must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, "
                + "not 'sundy'"
        ),
    ])
    func aWrongValueIsNamedWithWhatItMustBe(text: String, message: String) {
        var warnings: [String] = []
        #expect(throws: UsageError(.invalidInput, message)) {
            try ConfigFile.parse(text, path: "c.toml", warnings: &warnings)
        }
    }

    @Test func weekStartIsReadOrMonday() throws {
        var warnings: [String] = []
        #expect(
            try ConfigFile.parse("week_start = \"sunday\"", path: "c.toml", warnings: &warnings).weekStart == .sunday)
        #expect(try ConfigFile.parse("", path: "c.toml", warnings: &warnings).weekStart == nil)
        #expect(warnings.isEmpty)
    }

    @Test func unknownKeysAreWarnedAboutAndAByteOrderMarkIsSkipped() throws {
        var warnings: [String] = []
        let config = try ConfigFile.parse(
            "\u{FEFF}[profiles.x]\nrefersh = 5\ndb = \"~/usage.sqlite\"\n[profiles.x.alerts]\nbaseline = 2\n[colour]\n",
            path: "c.toml", warnings: &warnings)
        #expect(
            warnings == [
                "c.toml: unknown key colour ignored", "c.toml: unknown key profiles.x.alerts.baseline ignored",
                "c.toml: unknown key profiles.x.refersh ignored",
            ])
        #expect(try config.profile("x").db == "~/usage.sqlite")
        #expect(
            ConfigFile.expandingHome("~/usage.sqlite", environment: ["HOME": "/home/ann"]) == "/home/ann/usage.sqlite")
        #expect(ConfigFile.expandingHome("~", environment: ["HOME": "/home/ann"]) == "/home/ann")
        #expect(ConfigFile.expandingHome("~bob/x", environment: ["HOME": "/home/ann"]) == "~bob/x")
        #expect(ConfigFile.expandingHome("/data/~/x", environment: ["HOME": "/home/ann"]) == "/data/~/x")
    }
}
