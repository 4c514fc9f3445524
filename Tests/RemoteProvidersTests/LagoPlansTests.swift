import Foundation
import HTTPTestSupport
import Testing
import UsageCore
@testable import RemoteProviders

/// Each Lago subscription's plan, as sync keeps it for reconcile: the subscription's own (from its show), read once
/// an hour per customer however often a sync passes, and a server that knows no plan leaves the subscription out
/// rather than failing the pass.
@Suite("Lago plans")
struct LagoPlansTests {
    static func account() -> LagoAccount {
        let charges = [LagoAccount.Charge("ch_calls", metric: "api_calls", filters: [["region": ["eu"]]])]
        return LagoAccount(
            customers: [("acme", "Acme")], metrics: [LagoAccount.Metric("api_calls", "count_agg")],
            subscriptions: [
                LagoAccount.Subscription(
                    "sub_old", customer: "acme", started: ISO8601Parser.parse("2026-09-01")!,
                    terminated: ISO8601Parser.parse("2026-10-15")!, charges: charges),
                LagoAccount.Subscription(
                    "sub_new", customer: "acme", started: ISO8601Parser.parse("2026-10-15")!, charges: charges),
            ], now: ISO8601Parser.parse("2026-12-06T12:00:00Z")!)
    }

    @Test func eachSubscriptionsOwnPlanIsReadOnceAnHour() async throws {
        let (provider, server) = try LagoAccountContractTests.provider(Self.account())
        let plans = try await provider.plans(customerID: "acme")
        #expect(plans.keys.sorted() == ["sub_new", "sub_old"])
        let plan = try PricePlan(lago: JSONParser.parse(try #require(plans["sub_old"])), at: "plan")
        #expect(
            plan.code == "plan_sub_old" && plan.charges.first?.filters.count == 1
                && plan.charges.first?.id == "ch_calls")
        let shows = server.requests.filter { $0.path.hasPrefix("/api/v1/subscriptions/") }
        #expect(shows.map { $0.query["status"] ?? "" }.sorted() == ["active", "terminated"])
        _ = try await provider.plans(customerID: "acme")
        #expect(server.requests.filter { $0.path.hasPrefix("/api/v1/subscriptions") }.count == shows.count + 1, "kept")
    }

    @Test func aServerThatKnowsNoPlanLeavesItOut() async throws {
        let server = try TestHTTPServer { request in
            guard request.path == "/api/v1/subscriptions" else {
                return .init(status: .notFound, body: #"{"status": 404, "error": "Not Found"}"#)
            }
            return .init(
                body:
                    #"{"subscriptions": [{"external_id": "s1", "status": "active", "plan_code": "gone"}], "meta": {"next_page": null}}"#
            )
        }
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret("k"))
        let provider = LagoProvider(api: APIClient(configuration: configuration, sleep: { _ in }, jitter: { 0 }))
        #expect(try await provider.plans(customerID: "acme").isEmpty)
    }
}
