import Foundation
import KeyInput
import UsageCore

/// Something that happened to the monitor: a key, a resize, a clock tick or an answer arriving.
public enum MonitorAction: Answering {
    /// The monitor started at a size.
    case started(now: Date, width: Int, height: Int)
    /// A key was pressed.
    case keyPressed(Key)
    /// The terminal changed size.
    case resized(width: Int, height: Int)
    /// Time passed.
    case ticked(Date)
    /// The effect runner answered a request.
    case answered(RequestID?, Answer)
}
