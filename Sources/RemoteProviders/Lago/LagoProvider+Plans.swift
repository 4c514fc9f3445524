import Foundation
import UsageCore

extension LagoProvider: PlanListing {
    /// The plan of each of the customer's subscriptions: the one the listing includes (a plan with the
    /// subscription's overrides is a plan of its own), else `GET /plans/{plan_code}`, each code read once.
    public func plans(customerID: String) async throws -> [String: String] {
        var byCode: [String: JSONValue] = [:]
        var plans: [String: String] = [:]
        for subscription in try await reader.subscriptions(customerID: customerID) {
            if let plan = subscription.plan {
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
