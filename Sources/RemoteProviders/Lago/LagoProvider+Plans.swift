import Foundation
import UsageCore

extension LagoProvider: PlanListing {
    /// The plan of each of the customer's subscriptions, as it bills the subscription: `GET /subscriptions/{id}`
    /// includes the subscription's own plan (a plan with overrides is a child plan under the same code, which
    /// `GET /plans/{code}` does not give); a server whose subscription holds no plan is asked `GET /plans/{code}`,
    /// each code once.
    public func plans(customerID: String) async throws -> [String: String] {
        var byCode: [String: JSONValue] = [:]
        var plans: [String: String] = [:]
        for subscription in try await reader.subscriptions(customerID: customerID) {
            if let plan = subscription.plan {
                plans[subscription.id] = JSONWriter.compact(plan)
                continue
            }
            let shown = try await api.get(
                "/subscriptions/\(APIClient.segment(subscription.id))",
                query: [("status", subscription.isActive ? "active" : "terminated")])
            if let plan = shown["subscription"]?["plan"], plan["charges"] != nil {
                plans[subscription.id] = JSONWriter.compact(plan)
                continue
            }
            guard let code = subscription.planCode else { continue }
            if byCode[code] == nil {
                let document = try await api.get("/plans/\(APIClient.segment(code))")
                guard let plan = document["plan"] else {
                    throw APIError(provider: name, kind: .malformed, message: "GET /plans/\(code) holds no plan")
                }
                byCode[code] = plan
            }
            plans[subscription.id] = byCode[code].map(JSONWriter.compact)
        }
        return plans
    }
}
