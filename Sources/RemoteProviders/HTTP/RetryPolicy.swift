/// When to try an API call again: after 429 (waiting what the server asks), after 5xx and transport failures
/// (exponential backoff with jitter), never after other 4xx.
public struct RetryPolicy: Sendable {
    /// The first backoff.
    public var base: Duration = .milliseconds(500)
    /// The longest backoff or server-requested wait honoured.
    public var cap: Duration = .seconds(60)

    /// Creates a policy.
    public init(base: Duration = .milliseconds(500), cap: Duration = .seconds(60)) {
        self.base = base
        self.cap = cap
    }

    /// The wait before try `attempt + 1` (attempt counts from 1) after `error`, or nil for no retry.
    /// `jitter` is a number in `0..<1`; `retryAfter` is the wait the server asked for (`RetryAfter`), cut to `cap`.
    public func delay(after error: APIError, attempt: Int, retryAfter: Duration?, jitter: Double) -> Duration? {
        switch error.kind {
        case .http(429, _):
            if let retryAfter { return min(cap, max(.zero, retryAfter)) }
            return backoff(attempt: attempt, jitter: jitter)
        case .http(let status, _) where status >= 500:
            return backoff(attempt: attempt, jitter: jitter)
        case .timeout, .transport:
            return backoff(attempt: attempt, jitter: jitter)
        default:
            return nil
        }
    }

    /// `base × 2^(attempt-1)`, plus up to half of that again as jitter, capped.
    public func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponential = base * (1 << min(20, max(0, attempt - 1)))
        let jittered = exponential + exponential * (max(0, min(1, jitter)) / 2)
        return min(cap, jittered)
    }
}
