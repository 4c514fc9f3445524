import Foundation
import UsageCore

/// A view to write to a file: the text, where (nil: the current directory), and the file name to use when the
/// path is nil or a directory.
public struct FileExport: Sendable, Hashable {
    /// The text.
    public var text: String
    /// The path typed after `:export`, if any (`~` is expanded).
    public var path: String?
    /// `usagetop-customers-api_calls-20261128-094500.csv`.
    public var defaultName: String
    /// What it holds (`14 customers`).
    public var summary: String

    /// Creates an export of `view` as `format` at `now`.
    public init(_ view: ViewExport, format: ExportFormat, path: String?, now: Date) {
        text = view.text
        self.path = path
        summary = view.summary
        let safe = String(
            view.name.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.".unicodeScalars.contains(scalar)
                    ? Character(scalar) : "_"
            }.prefix(80))
        let f = UTCTime.fields(now)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", f.year, f.month, f.day, f.hour, f.minute, f.second)
        defaultName = "usagetop-\(safe)-\(stamp).\(format.rawValue)"
    }
}
