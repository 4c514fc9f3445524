import Foundation
import HTTPTestSupport
import NIOCore
import Subprocess
import Synchronization
import SystemPackage
import Testing

/// Every command writing to a pipe whose reader has gone (`usagetop customers | head -1`, `usagetop sync 2>&1 | true`)
/// ends quietly: no crash (SIGILL, SIGPIPE), stdout's end is the end of the program with status 0, and a closed stderr
/// does not change the exit status.
@Suite("A closed pipe ends the output, never the program with a crash")
struct ClosedPipeEndToEndTests {
    /// Which of the program's outputs go to a pipe whose read end is already closed.
    enum Closed: CaseIterable, Sendable { case stdout, stderr, both }

    /// Runs the binary with the chosen outputs on a pipe nobody reads (the rest discarded); returns the exit status.
    static func run(_ arguments: [String], closed: Closed, extra: [String: String] = [:]) async throws -> Int32 {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        close(ends[0])  // the reader goes away before the program writes a byte
        let writer = FileDescriptor(rawValue: ends[1])
        defer { try? writer.close() }
        let home = Program.freshHome()
        var overrides: [Environment.Key: String?] = [
            "HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config",
            "XDG_STATE_HOME": home + "/state",
        ]
        for (name, value) in extra { overrides[Environment.Key(rawValue: name)!] = value }
        let environment = Environment.inherit.updating(overrides)
        let executable = Executable.path(FilePath(Tmux.binary))
        let closedEnd = FileDescriptorOutput.fileDescriptor(writer, closeAfterSpawningProcess: false)
        let status: TerminationStatus =
            switch closed {
            case .stdout:
                try await Subprocess.run(
                    executable, arguments: Arguments(arguments), environment: environment, input: .none,
                    output: closedEnd, error: .discarded
                ).terminationStatus
            case .stderr:
                try await Subprocess.run(
                    executable, arguments: Arguments(arguments), environment: environment, input: .none,
                    output: .discarded, error: closedEnd
                ).terminationStatus
            case .both:
                try await Subprocess.run(
                    executable, arguments: Arguments(arguments), environment: environment, input: .none,
                    output: closedEnd, error: closedEnd
                ).terminationStatus
            }
        return Program.code(status)
    }

    /// A store with a few demo customers, made once per test.
    static func store() async throws -> String {
        let db = try SyncEndToEndTests.folder() + "/pipe.sqlite"
        let made = try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "3", "--days", "2"])
        #expect(made.status == 0, "\(made.stderr)")
        return db
    }

    @Test(arguments: Closed.allCases)
    func everyCommandEndsQuietly(closed: Closed) async throws {
        let db = try await Self.store()
        let folder = try SyncEndToEndTests.folder()
        let (events, metrics) = (folder + "/events.jsonl", folder + "/metrics.json")
        try #"{"transaction_id": "t1", "external_customer_id": "c1", "code": "calls", "timestamp": 1764547200}"#
            .write(toFile: events, atomically: true, encoding: .utf8)
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count"}]"#.write(
            toFile: metrics, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["customers", "--db", db], ["customers", "--db", db, "--format", "csv"],
            ["snapshot", "--db", db, "--customer", "cus_00001", "--format", "json"],
            ["timeseries", "--db", db, "--metric", "api_calls"],
            ["events", "--db", db, "--customer", "cus_00001", "--metric", "api_calls"],
            ["breakdown", "--db", db, "--customer", "cus_00001", "--metric", "api_calls", "--by", "endpoint"],
            ["info"], ["--help"], ["sync", "--help"], ["--version"],
            ["ingest", "--db", folder + "/ingest.sqlite", "--metrics", metrics, events],
            ["demo", "--db", try SyncEndToEndTests.folder() + "/new.sqlite", "--customers", "2", "--days", "1"],
        ]
        for command in commands {
            let status = try await Self.run(command, closed: closed)
            #expect(status == 0, "\(command.joined(separator: " ")) with \(closed) closed: \(status)")
        }
        // A failure keeps its own status when only stderr is gone; with stdout gone too nothing is written to stdout.
        let failing = try await Self.run(["customers", "--db", db, "--metric", "no_such_metric"], closed: closed)
        #expect(failing == 1, "a failure with \(closed) closed: \(failing)")
    }

    @Test(arguments: Closed.allCases)
    func syncEndsQuietly(closed: Closed) async throws {
        let server = try SyncEndToEndTests.server()
        let db = try SyncEndToEndTests.folder() + "/sync.sqlite"
        let status = try await Self.run(
            ["sync", "--provider", "hyperline", "--base-url", server.baseURL, "--db", db],
            closed: closed, extra: ["HYPERLINE_API_KEY": SyncEndToEndTests.key])
        #expect(status == 0, "sync with \(closed) closed: \(status)")
    }
}
