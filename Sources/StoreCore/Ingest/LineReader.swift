import Foundation
import UsageCore

/// Reads a file line by line in large chunks, without loading it whole (or lines already in memory): a UTF-8 byte-order mark at the start is
/// skipped, and a line longer than `maxLineBytes` stops the read with an error (so `/dev/zero` or a file that is not
/// JSON Lines cannot grow memory without bound).
package struct LineReader {
    /// The UTF-8 byte-order mark some editors put at the start of a file.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The longest line accepted.
    package static let maxLineBytes = 1 << 20

    /// Why reading stopped early.
    package enum Failure: Error {
        /// Line `line` (one-based) is longer than `maxLineBytes`.
        case lineTooLong(line: Int)
        /// The file could not be read (a folder, an I/O error); the text is the system's reason.
        case unreadable(String)
    }

    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var atStart = true
    private var lineNumber = 0
    private let chunkSize = 1 << 20

    /// Opens `path` for reading; a folder or a missing file is an error.
    package init(path: String) throws(Failure) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable("no such file")
        }
        if isFolder.boolValue { throw .unreadable("is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("permission denied") }
        self.handle = handle
    }

    /// Reads `bytes` (JSON Lines made in memory, such as events copied from a provider).
    package init(bytes: [UInt8]) {
        handle = nil
        buffer = bytes
        finished = true
        atStart = false
    }

    /// The next line without its terminator (a trailing `\r` is dropped), or nil at the end.
    package mutating func next() throws(Failure) -> [UInt8]? {
        while true {
            let newline = buffer[start...].firstIndex(of: 0x0A)
            guard (newline ?? buffer.count) - start <= Self.maxLineBytes else {
                throw .lineTooLong(line: lineNumber + 1)
            }
            if let newline { return take(upTo: newline, skipping: 1) }
            if finished {
                guard start < buffer.count else { return nil }
                return take(upTo: buffer.count, skipping: 0)
            }
            buffer.removeFirst(start)
            start = 0
            let chunk: Data
            do {
                chunk = try handle?.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw .unreadable((error as NSError).localizedDescription)
            }
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
            if atStart && (buffer.count >= 3 || finished) {
                atStart = false
                if buffer.starts(with: Self.byteOrderMark) { start = 3 }
            }
        }
    }

    private mutating func take(upTo end: Int, skipping terminator: Int) -> [UInt8] {
        var line = Array(buffer[start..<end])
        start = end + terminator
        lineNumber += 1
        if line.last == 0x0D { line.removeLast() }
        return line
    }

    /// A read failure of `source` as one line; nothing was written.
    package static func describe(_ failure: Failure, source: String) -> UsageError {
        switch failure {
        case .lineTooLong(let line):
            UsageError(
                .invalidInput, "\(source) line \(line) is longer than 1 MiB (is it JSON Lines?); nothing written")
        case .unreadable(let reason):
            UsageError(.invalidInput, "cannot read \(source): \(reason)")
        }
    }
}
