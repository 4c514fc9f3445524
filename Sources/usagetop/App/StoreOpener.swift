import Foundation
import LocalStore
import UsageCore

/// Opens the embedded store, building the demo dataset with visible progress when the store is new.
enum StoreOpener {
    /// Opens `path`; a new or empty store is filled with demo data first.
    static func open(path: String, now: Date = Date()) throws(UsageError) -> UsageStore {
        let store = try UsageStore(path: path)
        if try store.isEmpty() {
            let stderr = FileHandle.standardError
            stderr.write(Data("usagetop: new store \(path): building demo data...\n".utf8))
            var shown = -1
            let count = try DemoGenerator(options: .standard, now: now).generate(into: store) { fraction in
                let percent = Int(fraction * 100)
                if percent / 5 != shown / 5 {
                    shown = percent
                    stderr.write(Data("\r  \(percent)%".utf8))
                }
            }
            stderr.write(Data("\r  done: \(count) demo events for \(DemoOptions.standard.customers) customers\n".utf8))
        }
        return store
    }
}
