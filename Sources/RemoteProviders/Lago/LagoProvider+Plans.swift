import Foundation
import UsageCore

extension LagoProvider: PlanListing {
    /// The plan of each of the customer's subscriptions, as it bills the subscription: `GET /subscriptions/{id}`
    /// includes the subscription's own plan (a plan with overrides is a child plan under the same code, which
    /// `GET /plans/{code}` does not give); a server whose subscription holds no plan is asked `GET /plans/{code}`,
    /// each code once. A subscription or plan the server does not know is left out, not a failure. Read at most
    /// once an hour per customer.
    public func plans(customerID: String) async throws -> [String: String] {
        try await planList.value(key: customerID) { try await readPlans(customerID: customerID) }
    }

    private func readPlans(customerID: String) async throws -> [String: String] {
        var byCode: [String: JSONValue?] = [:]
        var plans: [String: String] = [:]
        for subscription in try await reader.subscriptions(customerID: customerID) {
            if let plan = subscription.plan {
                plans[subscription.id] = JSONWriter.compact(plan)
                continue
            }
            let shown = try await found(
                "/subscriptions/\(APIClient.segment(subscription.id))",
                query: [("status", subscription.isActive ? "active" : "terminated")])
            if let plan = shown?["subscription"]?["plan"], plan["charges"] != nil {
                plans[subscription.id] = JSONWriter.compact(plan)
                continue
            }
            guard let code = subscription.planCode else { continue }
            if byCode[code] == nil { byCode[code] = try await found("/plans/\(APIClient.segment(code))")?["plan"] }
            if let plan = byCode[code] ?? nil { plans[subscription.id] = JSONWriter.compact(plan) }
        }
        return plans
    }

    /// The document at `path`, or nil when the server answers 404.
    func found(_ path: String, query: [(String, String)] = []) async throws -> JSONValue? {
        do {
            return try await api.get(path, query: query)
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }
}
