/// A store that keeps the plan its customers are billed under (the demo keeps one), used when `config.toml`
/// declares none.
public protocol PlanKeeping: UsageProvider {
    /// The plan kept for every customer, nil when the store keeps none.
    func keptStandardPlan() async throws -> PricePlan?
}

extension PlanBook {
    /// `self`, else (when it declares no plan) the plan `provider` keeps for every customer: a plan in `config.toml`
    /// replaces the store's.
    public func orKept(by provider: any UsageProvider) async -> PlanBook {
        guard isEmpty, let keeping = provider as? any PlanKeeping,
            let kept = try? await keeping.keptStandardPlan()
        else { return self }
        return PlanBook(standard: kept)
    }
}
