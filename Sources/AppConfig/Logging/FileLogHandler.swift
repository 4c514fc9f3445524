import Foundation
import Logging
import Synchronization
import UsageCore

/// A swift-log handler that appends one line per message to a file (mode 0600), never to the terminal the
/// dashboard draws on. Lines: `2026-11-22T04:30:00Z warning usagetop.lago: message key=value`.
public struct FileLogHandler: LogHandler {
    /// An open log file shared by every logger of the process.
    public final class Sink: Sendable {
        private let handle: Mutex<FileHandle?>

        /// Opens (creating folders and the file, 0600) `path` for appending; nil when it cannot be opened.
        public init?(path: String) {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                guard
                    FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                else { return nil }
            }
            guard let file = FileHandle(forWritingAtPath: path) else { return nil }
            file.seekToEndOfFile()
            handle = Mutex(file)
        }

        func write(_ line: String) {
            handle.withLock { $0?.write(Data((line + "\n").utf8)) }
        }
    }

    private let label: String
    private let sink: Sink
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    /// A handler for `label` writing to `sink`.
    public init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    /// `$XDG_STATE_HOME/usagetop/usagetop.log`, else `~/.local/state/usagetop/usagetop.log`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/usagetop/usagetop.log"
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line; the label, the message and every metadata value are escaped (`EscapedText`), so text from a
    /// server or a file can neither forge a line nor carry escape sequences into the file.
    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line =
            "\(UTCTime.iso(Date())) \(event.level) \(label): \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        sink.write(EscapedText.line(line))
    }
}
