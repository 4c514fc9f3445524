/// A provider that counts the calls it makes to its API: what sync says a pass cost, exactly, whatever made them
/// (listings, counts, pages, retries).
public protocol CallCounting: Sendable {
    /// The calls made so far by this provider, every try of a retried call counted.
    var callsMade: Int { get }
}
