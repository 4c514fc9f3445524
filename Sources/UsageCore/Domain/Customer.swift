/// A billed customer as every provider sees it.
public struct Customer: Sendable, Hashable, Codable {
    /// The provider's external identifier (Lago's `external_customer_id`).
    public var id: String
    /// The display name; falls back to the id when the source has none.
    public var name: String
    /// ISO 4217 currency code, when the source knows it.
    public var currency: String?

    /// Creates a customer.
    public init(id: String, name: String, currency: String? = nil) {
        self.id = id
        self.name = name
        self.currency = currency
    }
}
