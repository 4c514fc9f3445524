import Foundation

/// One folder per test process for the stores and files tests make, removed when the process exits (a store or a
/// program under test may use it until the very end).
public enum ProcessScratch {
    /// The folder (created).
    public static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-tests-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        scratchRoot = root.path
        atexit { scratchRoot.map { _ = try? FileManager.default.removeItem(atPath: $0) } }
        return root
    }()
}

/// The process's scratch folder, for the exit handler (which cannot capture).
nonisolated(unsafe) private var scratchRoot: String?
