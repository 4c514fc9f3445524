/// Identifies one data request, so answers to requests that were superseded are dropped.
public struct RequestID: Sendable, Hashable, CustomStringConvertible {
    /// A number unique within one dashboard run.
    public var value: Int
    /// Creates an id.
    public init(_ value: Int) { self.value = value }
    public var description: String { "#\(value)" }
}
