import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// The customers table sorts by integer keys; its order must be the one a plain comparison of the exact values gives,
/// including totals that differ beyond a double's precision, names alike in their first 16 bytes, equal values (by
/// customer id, ascending, in both directions), and a second sort by the same column (which uses exact ranks).
@Suite("Customers sort order against a plain comparison")
struct SortOrderTests {
    static func rows(seed: UInt64) -> [CustomerSummary] {
        var random = SeededRandom(seed: seed)
        let names = [
            "Initech Logistics APAC 1", "Initech Logistics APAC 2", "initech logistics apac 10", "Acme", "acme",
            "Zeta Ünïcode",
        ]
        let totals: [Decimal] = [
            0, 1, 12.5, Decimal(string: "1234567890123456.7")!, Decimal(string: "1234567890123456.8")!, 1e20, -3,
            Decimal(string: "0.000000000001")!,
        ]
        return (0..<300).map { i in
            let day = random.below(4)
            return CustomerSummary(
                customer: Customer(
                    id: "c\(random.below(1000))-\(i)",
                    name: names[random.below(names.count)] + (random.below(3) == 0 ? " \(i)" : "")),
                total: totals[random.below(totals.count)], daily: [],
                lastEventAt: day == 0 ? nil : Date(timeIntervalSince1970: 1_790_000_000 + Double(random.below(5) * 60)))
        }
    }

    static func expected(
        _ rows: [CustomerSummary], _ column: SortColumn, descending: Bool, previous: [String: Decimal] = [:]
    ) -> [String] {
        func change(_ row: CustomerSummary) -> Decimal { row.total - (previous[row.customer.id] ?? 0) }
        func ascending(_ a: CustomerSummary, _ b: CustomerSummary) -> Bool {
            switch column {
            case .name:
                return Array((a.customer.name.lowercased() + "\n" + a.customer.id.lowercased()).utf8)
                    .lexicographicallyPrecedes(
                        Array((b.customer.name.lowercased() + "\n" + b.customer.id.lowercased()).utf8))
            case .id: return Array(a.customer.id.utf8).lexicographicallyPrecedes(Array(b.customer.id.utf8))
            case .total: return a.total < b.total
            case .lastEvent: return (a.lastEventAt ?? .distantPast) < (b.lastEventAt ?? .distantPast)
            case .change: return change(a) < change(b)
            }
        }
        return rows.sorted { a, b in
            if ascending(a, b) { return !descending }
            if ascending(b, a) { return descending }
            return Array(a.customer.id.utf8).lexicographicallyPrecedes(Array(b.customer.id.utf8))
        }.map(\.customer.id)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyColumnBothWaysTwice(seed: UInt64) {
        let rows = Self.rows(seed: seed)
        var state = CustomersState()
        state.setRows(rows, visibleRows: 20)
        // The comparison period's totals: some customers had nothing then (a change of their whole total).
        let totals: [Decimal] = [0, 2, Decimal(string: "1234567890123456.7")!, -1, Decimal(string: "0.5")!]
        var random = SeededRandom(seed: seed &* 7)
        var previous: [String: Decimal] = [:]
        for row in rows where random.below(4) != 0 { previous[row.customer.id] = totals[random.below(totals.count)] }
        state.setPreviousTotals(previous)
        for column in SortColumn.allCases {
            for descending in [true, false, true] {
                state.sort(by: column, descending: descending)
                let shown = state.visible.map { state.rows[$0].summary.customer.id }
                #expect(
                    shown == Self.expected(rows, column, descending: descending, previous: previous),
                    "\(column) descending: \(descending)")
            }
        }
    }
}
