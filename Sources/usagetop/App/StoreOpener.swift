import Foundation
import LocalStore
import UsageCore

/// Opens the embedded store, building the demo dataset with visible progress when the store is new.
enum StoreOpener {
    /// Opens `path`; a new or empty store is filled with demo data first (or refused, without `buildingDemo`).
    static func open(path: String, buildingDemo: Bool = true, now: Date = Date()) throws(UsageError) -> UsageStore {
        guard buildingDemo || FileManager.default.fileExists(atPath: path) else {
            throw UsageError(.storage, "no store at \(path): run usagetop with this profile once to build demo data, or ingest yours")
        }
        let store = try UsageStore(path: path)
        if try store.isEmpty() {
            if store.isReadOnly { throw UsageError(.storage, "\(path) is empty and read-only for this user: nothing to show") }
            guard buildingDemo else {
                throw UsageError(.storage, "\(path) is empty: run usagetop with this profile once to build demo data, or ingest yours")
            }
            StandardError.line("usagetop: new store \(path): building demo data...")
            var shown = -1
            let count = try DemoGenerator(options: .standard, now: now).generate(into: store) { fraction in
                let percent = Int(fraction * 100)
                if percent / 5 != shown / 5 {
                    shown = percent
                    StandardError.progress("  \(percent)%")
                }
            }
            StandardError.progress("  done: \(count) demo events for \(DemoOptions.standard.customers) customers", done: true)
        }
        return store
    }
}
