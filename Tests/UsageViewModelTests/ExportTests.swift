import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Taking the evidence away: `y`/`Y` copy the view, `w` and `:export` write it to a new file.
@Suite("Reducer: copy and export")
struct ExportTests {
    @Test func yCopiesTheVisibleRowsAsCSVAndShiftYAsJSON() throws {
        var state = Fixtures.loaded(rows: 3)
        guard case .copy(let csv)? = state.reduce(.keyPressed(.character("y"))).first else {
            Issue.record("expected a copy")
            return
        }
        let lines = csv.split(separator: "\n")
        #expect(
            lines.first == "id,name,calls,last_event_at" && lines.count == 4,
            "the columns of `usagetop customers --format csv`")
        #expect(state.message?.text == "copied 3 customers as CSV to the clipboard")
        guard case .copy(let json)? = state.reduce(.keyPressed(.character("Y"))).first else {
            Issue.record("expected a copy")
            return
        }
        let parsed = try JSONParser.parse(json)
        guard case .array(let rows) = parsed else {
            Issue.record("expected an array")
            return
        }
        #expect(rows.count == 3)
    }

    @Test func aFormulaInANameIsDefusedInCSV() {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: Fixtures.now, width: 80, height: 24))
        let load = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        let hostile = CustomerSummary(
            customer: Customer(id: "c1", name: "=HYPERLINK(\"http://x\")"), total: 1, daily: [], lastEventAt: nil)
        _ = state.reduce(.answered(Fixtures.request(load)!, .customers(.success([hostile]))))
        guard case .copy(let csv)? = state.reduce(.keyPressed(.character("y"))).first else {
            Issue.record("expected a copy")
            return
        }
        #expect(csv.contains(#""'=HYPERLINK(""http://x"")""#))
    }

    @Test func wAndExportWriteANewFileAndSayWhere() throws {
        var state = Fixtures.loaded(rows: 2)
        guard case .write(let export)? = state.reduce(.keyPressed(.character("w"))).first else {
            Issue.record("expected a write")
            return
        }
        #expect(export.path == nil && export.defaultName == "usagetop-customers-calls-20261122-120000.csv")
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("export json ~/out.json", into: &state)
        guard case .write(let typed)? = state.reduce(.keyPressed(.enter)).first else {
            Issue.record("expected a write")
            return
        }
        #expect(typed.path == "~/out.json" && typed.text.hasPrefix("[") && typed.defaultName.hasSuffix(".json"))
        _ = state.reduce(.answered(nil, .fileWritten(.success("/tmp/out.json"), summary: "2 customers")))
        #expect(state.message?.text == "wrote 2 customers to /tmp/out.json")
        _ = state.reduce(
            .answered(
                nil,
                .fileWritten(.failure(UsageError(.storage, "/tmp/out.json: it exists already")), summary: "2 customers")
            ))
        #expect(state.message?.severity == .error && state.message?.text.contains("it exists already") == true)
    }

    @Test func theWriterNeverOverwritesAndPutsADirectoryExportInside() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "usagetop-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let view = ViewExport(text: "a,b\n1,2\n", summary: "1 row", name: "rows/../x")
        let export = FileExport(view, format: .csv, path: folder.path, now: Fixtures.now)
        let path = try ExportWriter.write(export)
        #expect(path == folder.appendingPathComponent("usagetop-rows_.._x-20261122-120000.csv").path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
        var again = export
        again.path = path
        again.text = "overwritten"
        #expect(throws: UsageError.self) { try ExportWriter.write(again) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n", "the first file is untouched")
        let home = FileExport(view, format: .json, path: "~/deep.json", now: Fixtures.now)
        let written = try ExportWriter.write(home, environment: ["HOME": folder.path])
        #expect(written == folder.appendingPathComponent("deep.json").path)
    }

    @Test func themeAndProfileCommandsAskTheProgramAndSayWhatHappened() {
        var state = Fixtures.loaded(rows: 5)
        state.themeNames = ["default", "light"]
        state.profileNames = ["eu", "us"]
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("th\tl\t", into: &state)
        #expect(state.commandLine == "theme light")
        #expect(state.reduce(.keyPressed(.enter)) == [.applyTheme("light")])
        _ = expectChange(&state, .answered(nil, .themeApplied("light", nil))) { state in
            state.themeName = "light"
            state.message = StatusMessage("theme: light", .info)
        }
        _ = expectChange(&state, .answered(nil, .themeApplied("mono", UsageError(.unsupported, "colours are off")))) {
            state in
            state.message = StatusMessage("theme mono: colours are off", .warning)
        }
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("pr\tu\t", into: &state)
        #expect(state.reduce(.keyPressed(.enter)) == [.openProfile("us")])
        _ = state.reduce(.answered(nil, .profileOpened("us", .failure(UsageError(.unavailable, "no key")))))
        #expect(
            state.message?.text == "profile us: no key" && state.providerName == "local"
                && !state.customers.rows.isEmpty,
            "a profile that cannot open leaves the dashboard as it was")
        state.stack = [.customerUsage(CustomerUsageState(customerID: "cus_1", customerName: "Company 1"))]
        let effects = state.reduce(
            .answered(
                nil, .profileOpened("us", .success(ProfileInfo(providerName: "lago", capabilities: [.periodTotals])))))
        #expect(effects == [.load(nil, .source), .load(nil, .metrics)])
        #expect(
            state.providerName == "lago" && state.profileName == "us" && state.stack.isEmpty
                && state.customers.rows.isEmpty)
    }
}
