import Foundation

/// One folder per test process for the stores, homes and files these tests make, removed when the process exits (a
/// program under test may use them until the very end).
enum Scratch {
    /// The folder (created).
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-e2e-files-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        scratchRoot = root.path
        atexit { scratchRoot.map { _ = try? FileManager.default.removeItem(atPath: $0) } }
        return root
    }()
}

/// The test process's scratch folder, for the exit handler (which cannot capture).
nonisolated(unsafe) private var scratchRoot: String?
