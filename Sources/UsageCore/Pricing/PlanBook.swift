/// The price plans declared for a source without prices (`[[plans]]` in `config.toml`): one for every customer no
/// plan lists, and others for the customers they list.
public struct PlanBook: Sendable, Hashable {
    /// The plan of customers no plan lists, if any.
    public var standard: PricePlan?
    /// Plans by customer id.
    public var byCustomer: [String: PricePlan]

    /// A book of plans; empty by default, when every metric shows units only.
    public init(standard: PricePlan? = nil, byCustomer: [String: PricePlan] = [:]) {
        self.standard = standard
        self.byCustomer = byCustomer
    }

    /// Whether any plan is declared.
    public var isEmpty: Bool { standard == nil && byCustomer.isEmpty }

    /// The plan that prices `customerID`'s usage, if any.
    public func plan(for customerID: String) -> PricePlan? { byCustomer[customerID] ?? standard }
}
