import Foundation
import UsageCore

/// Writes a view to a new file: never over an existing one, `~` expanded, a directory gets the default name.
enum ExportWriter {
    /// Writes `export`; returns the path written.
    static func write(_ export: FileExport, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(UsageError) -> String
    {
        var path = export.path.map { expandingHome($0, environment) } ?? export.defaultName
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path = (path as NSString).appendingPathComponent(export.defaultName)
        }
        let absolute =
            path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let shown = EscapedText.line(absolute)
        let fd = open(absolute, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it exists already (choose another name)" : String(cString: strerror(errno))
            throw UsageError(.storage, "\(shown): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(export.text.utf8))
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: absolute)
            throw UsageError(.storage, "\(shown): \(error.localizedDescription)")
        }
        return shown
    }

    private static func expandingHome(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
