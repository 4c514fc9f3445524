import Foundation
import KeyInput
import UsageCore

/// Something that happened: a key, a resize, a clock tick or an answer arriving. Named for events, not intents.
public enum Action: Answering {
    /// The dashboard started at a size.
    case started(now: Date, width: Int, height: Int)
    /// A key was pressed.
    case keyPressed(Key)
    /// The terminal changed size.
    case resized(width: Int, height: Int)
    /// Time passed.
    case ticked(Date)
    /// The effect runner answered a request (nil: one nobody supersedes) or reported a side effect's outcome.
    case answered(RequestID?, Answer)
}
