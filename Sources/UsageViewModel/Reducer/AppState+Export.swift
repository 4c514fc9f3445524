import Foundation
import UsageCore

extension AppState {
    /// `y` (CSV) and `Y` (JSON) copy the current view to the clipboard; `w` writes it to a file as CSV.
    mutating func exportCommand(_ command: Command) -> [Effect]? {
        switch command {
        case .copy, .copyJSON:
            let format: ExportFormat = command == .copy ? .csv : .json
            guard let view = ViewExport.of(self, as: format) else { return nothingToExport() }
            message = StatusMessage("copied \(view.summary) as \(format.rawValue.uppercased()) to the clipboard", .info)
            return [.copy(view.text)]
        case .writeView:
            return export(as: .csv, to: nil)
        default:
            return nil
        }
    }

    /// Writes the current view as `format` to `path` (nil: a new file in the current directory).
    mutating func export(as format: ExportFormat, to path: String?) -> [Effect] {
        guard let view = ViewExport.of(self, as: format) else { return nothingToExport() }
        message = StatusMessage("writing \(view.summary)…", .info)
        return [.write(FileExport(view, format: format, path: path, now: now))]
    }

    /// Says where the file went, or why it did not.
    mutating func fileWritten(_ result: Result<String, UsageError>, summary: String) -> [Effect] {
        switch result {
        case .success(let path): message = StatusMessage("wrote \(summary) to \(path)", .info)
        case .failure(let error): message = StatusMessage("could not write \(summary): \(error.message)", .error)
        }
        return []
    }

    private mutating func nothingToExport() -> [Effect] {
        message = StatusMessage("nothing to export yet: the view has not loaded", .info)
        return []
    }
}
