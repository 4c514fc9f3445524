import Foundation
import UsageCore

/// Data a screen or panel loads, with its history: the request waited for, when the data last arrived, what is
/// failing now and since when. Old data stays on screen while a refresh fails; its age tells the truth about it.
/// `begin` a request, `land` its answer: an answer to a request that was superseded or abandoned changes nothing.
public struct Loadable<Value: Sendable>: Sendable {
    /// The latest data that arrived, if any.
    public var value: Value?
    /// When `value` arrived.
    public var loadedAt: Date?
    /// The latest failure, cleared by the next success.
    public var error: String?
    /// When the current run of failures began.
    public var failingSince: Date?
    /// The request being waited for.
    public private(set) var request: RequestID?

    /// Nothing loaded yet.
    public init() {}

    /// Whether a request is out.
    public var isLoading: Bool { request != nil }

    /// Seconds since the data arrived, or nil when none has.
    public func age(now: Date) -> TimeInterval? { loadedAt.map { max(0, now.timeIntervalSince($0)) } }

    /// Whether the data is older than three refresh intervals (or there is none and the last try failed).
    public func isStale(now: Date, refreshSeconds: Int) -> Bool {
        guard let age = age(now: now) else { return error != nil }
        return age > Double(3 * max(1, refreshSeconds))
    }

    /// Waits for `id`'s answer (a newer request replaces an older one).
    mutating func begin(_ id: RequestID) {
        request = id
    }

    /// Stops waiting; returns the request that was out, for its effect to be cancelled.
    mutating func abandon() -> RequestID? {
        defer { request = nil }
        return request
    }

    /// Takes an answer; false (and no change) when it is not the request this waits for.
    @discardableResult
    mutating func land(_ id: RequestID?, _ result: Result<Value, UsageError>, now: Date) -> Bool {
        guard let id, request == id else { return false }
        request = nil
        switch result {
        case .success(let value):
            self.value = value
            loadedAt = now
            error = nil
            failingSince = nil
        case .failure(let failure):
            error = failure.message
            if failingSince == nil { failingSince = now }
        }
        return true
    }
}

extension Loadable: Equatable where Value: Equatable {}
