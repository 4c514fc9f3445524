import Foundation
import LocalStore
import Subprocess
import SystemPackage
import UsageCore

/// Opens the embedded store, building the demo dataset with visible progress when the store is new.
enum StoreOpener {
    /// Opens `path`; a new or empty store is filled with demo data first (or refused, without `buildingDemo`).
    /// The demo data is built by a child `usagetop demo` process, so this process, which may go on to show a monitor
    /// for days, never holds what building it took (about 27 MB more for the rest of its life when built here).
    static func open(path: String, buildingDemo: Bool = true) async throws(UsageError) -> UsageStore {
        guard buildingDemo || FileManager.default.fileExists(atPath: path) else {
            throw UsageError(
                .storage, "no store at \(path): run usagetop with this profile once to build demo data, or ingest yours"
            )
        }
        let store = try UsageStore(path: path)
        if try store.isEmpty() {
            if store.isReadOnly {
                throw UsageError(.storage, "\(path) is empty and read-only for this user: nothing to show")
            }
            guard buildingDemo else {
                throw UsageError(
                    .storage,
                    "\(path) is empty: run usagetop with this profile once to build demo data, or ingest yours")
            }
            StandardError.line("usagetop: new store \(path): building demo data...")
            try await buildDemo(path: path)
        }
        return store
    }

    /// Runs `usagetop demo --if-empty --db path` (this same binary), its progress on our standard error. Another
    /// start building the same new store is waited for, and its data shown, not built again.
    private static func buildDemo(path: String) async throws(UsageError) {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let status: TerminationStatus
        do {
            status = try await Subprocess.run(
                .path(FilePath(binary)), arguments: ["demo", "--if-empty", "--db", path], input: .none,
                output: .discarded,
                error: .fileDescriptor(.standardError, closeAfterSpawningProcess: false)
            ).terminationStatus
        } catch {
            throw UsageError(.storage, "could not build the demo store at \(path): \(error)")
        }
        guard status.isSuccess else {
            throw UsageError(.storage, "building the demo store at \(path) failed (\(status))")
        }
    }
}
