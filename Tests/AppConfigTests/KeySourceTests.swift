import AppConfig
import Foundation
import Testing
import UsageCore

@Suite("API key sources")
struct KeySourceTests {
    @Test func keysComeFromTheProfileThenTheEnvironment() async throws {
        let config = try ConfigTests.parsed(ConfigTests.sample, path: "config.toml")
        let env = ["LAGO_EU_KEY": "eu-key", "LAGO_API_KEY": "us-key", "USAGETOP_API_KEY": "any-key"]
        #expect(
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: config.profile("lago-eu"), environment: env)
                == "eu-key")
        #expect(
            try await KeySource.key(
                provider: "hyperline", variable: "HYPERLINE_API_KEY", profile: config.profile("hyperline-sandbox"),
                environment: env)
                == "from-a-password-manager")
        #expect(
            try await KeySource.key(provider: "lago", variable: "LAGO_API_KEY", profile: nil, environment: env)
                == "any-key")
        #expect(
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: nil, environment: ["LAGO_API_KEY": "us-key"])
                == "us-key")
        await #expect(throws: UsageError(.invalidInput, "the profile's api_key_env LAGO_EU_KEY is not set")) {
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: config.profile("lago-eu"), environment: [:])
        }
        await #expect(throws: UsageError(.invalidInput, "api_key_command failed (exit 3)")) {
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY",
                profile: Profile(apiKeyCommand: "echo secret-output; exit 3"), environment: [:])
        }
    }

    @Test func aStorePasswordComesFromTheProfileOrNowhere() async throws {
        #expect(
            try await KeySource.databasePassword(profile: nil, environment: ["PGPASSWORD": "x"]) == nil,
            "without a profile setting, PostgreSQL's own PGPASSWORD applies (read by the store's URL parser)")
        #expect(
            try await KeySource.databasePassword(
                profile: Profile(passwordEnv: "TEAM_DB"), environment: ["TEAM_DB": "pw-1\n"])
                == "pw-1")
        #expect(
            try await KeySource.databasePassword(
                profile: Profile(passwordCommand: "printf 'pw-2\\n'"), environment: [:])
                == "pw-2")
        await #expect(throws: UsageError(.invalidInput, "the profile's password_env TEAM_DB is not set")) {
            try await KeySource.databasePassword(profile: Profile(passwordEnv: "TEAM_DB"), environment: [:])
        }
        await #expect(
            throws: UsageError(
                .invalidInput,
                "the password from password_command holds a control character (at character 3); it was not used")
        ) {
            try await KeySource.databasePassword(
                profile: Profile(passwordCommand: "printf 'pw\\033[2J'"), environment: [:])
        }
    }

    @Test func theCommandsOutputArrivesThroughAPipeNeverAFile() async throws {
        let key = try await KeySource.key(
            provider: "lago", variable: "LAGO_API_KEY",
            profile: Profile(apiKeyCommand: "if [ -p /dev/stdout ]; then echo piped-key; else echo file-key; fi"),
            environment: [:])
        #expect(key == "piped-key", "the key command's standard output is a pipe")
    }

    @Test(arguments: [
        ("printf 'k-1234\\n'", "k-1234"), ("printf 'k-1234\\r\\n'", "k-1234"), ("printf 'k-1234'", "k-1234"),
    ])
    func oneTrailingNewlineIsTrimmed(command: String, key: String) async throws {
        #expect(
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: Profile(apiKeyCommand: command), environment: [:])
                == key)
    }

    @Test(arguments: [
        "printf 'sk-top\\r\\nsecret\\n'", "printf 'sk-top\\033[2Jsecret'", "printf 'sk-top\\n\\n'",
        "printf 'sk-top\\tsecret'",
    ])
    func controlCharactersAreRefusedWithoutShowingTheKey(command: String) async throws {
        do {
            _ = try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: Profile(apiKeyCommand: command), environment: [:])
            Issue.record("a key with a control character was accepted")
        } catch {
            #expect(error.message.hasPrefix("the key from api_key_command holds a control character (at character 7"))
            #expect(!error.message.contains("sk-top") && !error.message.contains("secret"))
        }
        await #expect(throws: UsageError.self) {
            try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY", profile: nil,
                environment: ["LAGO_API_KEY": "sk-top\u{1B}]0;x\u{07}"])
        }
    }

    @Test func aCommandThatNeverEndsIsStoppedWithItsWholeProcessGroup() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "usagetop-keycmd-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let started = ContinuousClock.now
        do {
            _ = try await KeySource.key(
                provider: "lago", variable: "LAGO_API_KEY",
                profile: Profile(apiKeyCommand: "echo $$ > \(pidFile); sleep 600 & sleep 600"),
                environment: [:], timeout: .milliseconds(500))
            Issue.record("a command that never ends produced a key")
        } catch {
            #expect(error.message.hasPrefix("api_key_command did not finish within 500 ms and was stopped"))
        }
        // The command sleeps 600 s: returning before then is the command stopped, however busy the machine is (a
        // suite on two cores beside a build has taken 69 s to get here).
        #expect(ContinuousClock.now - started < .seconds(590), "the caller is not kept waiting for the command")
        let group = try #require(
            Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(-group, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(!alive, "no process of the command's group is left, the background sleep included")
    }
}
