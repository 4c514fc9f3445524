/// Hands out request ids in order, so every data request of a run has its own.
struct RequestCounter: Sendable, Equatable {
    /// The id the next request gets.
    private(set) var next = 1

    /// A new id.
    mutating func issue() -> RequestID {
        defer { next += 1 }
        return RequestID(next)
    }
}
