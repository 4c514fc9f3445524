import Foundation
import UsageCore
@testable import UsageViewModel

/// Data for reducer tests; the reducer is pure, so no store is involved.
enum Fixtures {
    static let now = ISO8601Parser.parse("2026-11-22T12:00:00Z")!
    static let metrics = [
        Metric(code: "calls", name: "Calls", aggregation: .count, unit: "calls"),
        Metric(code: "gb", name: "GB", aggregation: .sum, field: "gb", unit: "GB"),
    ]

    /// Types `text` key by key (a tab as Tab) and returns the effects of the last key.
    static func type(_ text: String, into state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects = state.reduce(.keyPressed(c == "\t" ? .tab : .character(c))) }
        return effects
    }

    static func summaries(_ count: Int) -> [CustomerSummary] {
        (0..<count).map { i in
            let name = i == 3 ? "Zeta Ünïcode Labs" : "Company \(i)"
            let total = Decimal(i * 10 % 37)
            let last = now.addingTimeInterval(Double(-i) * 60)
            return CustomerSummary(
                customer: Customer(id: "cus_\(i)", name: name), total: total, daily: [1, 2, 3], lastEventAt: last)
        }
    }

    static func usage(_ id: String) -> CustomerUsage {
        CustomerUsage(
            customer: Customer(id: id, name: "Company"),
            totals: metrics.map { UsageTotal(metric: $0, value: 5, eventCount: 5) }, series: [:])
    }

    static func events(page: Int, size: Int, total: Int) -> Page<UsageEvent> {
        let count = max(0, min(size, total - page * size))
        let items = (0..<count).map { n in
            UsageEvent(
                transactionID: "tx\(page * size + n)", customerID: "cus_1", metricCode: "calls", timestamp: now,
                properties: .object([("k", .number("\(n)"))]))
        }
        return Page(items: items, index: page, size: size, totalCount: total)
    }

    /// A state on the customers view with `rows` customers loaded, at 80×24.
    static func loaded(rows: Int = 50) -> AppState {
        var state = AppState(now: now, width: 80, height: 24, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: now, width: 80, height: 24))
        let effects = state.reduce(.answered(nil, .metrics(.success(metrics))))
        guard case .load(let id, .customers) = effects.first else { fatalError("expected a customers load") }
        _ = state.reduce(.answered(id, .customers(.success(summaries(rows)))))
        return state
    }

    /// The request id of the first load effect.
    static func request(_ effects: [Effect]) -> RequestID? {
        for effect in effects {
            switch effect {
            case .load(let id, .customers), .load(let id, .usage), .load(let id, .timeseries),
                .load(let id, .events), .load(let id, .reconcile):
                return id
            default: continue
            }
        }
        return nil
    }
}
