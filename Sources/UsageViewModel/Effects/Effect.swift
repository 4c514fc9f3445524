import Foundation
import UsageCore

/// I/O a reducer asks for; the effect runner performs it and answers with its feature's action.
public enum Effect: Sendable, Hashable {
    /// Ask the data service; the answer carries the id (nil for a question nobody supersedes).
    case load(RequestID?, Request)
    /// Forget reusable answers so the loads that follow reach the provider (`r`). Runs before the rest of its batch.
    case invalidateCache
    /// Forget answers only if the provider's change token moved (automatic refresh: an unchanged local store costs
    /// one query; providers without a token are asked again). Runs before the rest of its batch.
    case revalidateCache
    /// Stop working on a request whose view was left.
    case cancel(RequestID)
    /// Put text on the clipboard (the terminal's, through OSC 52).
    case copy(String)
    /// Write a view to a new file (never over an existing one).
    case write(FileExport)
    /// Draw with another theme (`:theme`).
    case applyTheme(String)
    /// Switch to another `config.toml` profile's data (`:profile`).
    case openProfile(String)
    /// Stop everything: the user quit.
    case quit

    /// The request an effect answers or cancels, if any.
    var requestID: RequestID? {
        switch self {
        case .load(let id, _): id
        case .cancel(let id): id
        case .invalidateCache, .revalidateCache, .copy, .write, .applyTheme, .openProfile, .quit: nil
        }
    }
}
