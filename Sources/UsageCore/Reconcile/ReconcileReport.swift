import Foundation

/// What reconciling one customer or every customer over a period found: every checked line, and the customers
/// ranked by how much money their differences come to.
public struct ReconcileReport: Sendable, Hashable {
    /// The period asked.
    public var period: Period
    /// Every line checked, in customer, subscription, period and charge order.
    public var lines: [ReconcileLine] { didSet { orderedLines = Self.ordered(lines) } }
    /// Notes on what could not be checked (a charge no plan prices, a model Lago computes itself).
    public var notes: [String]
    /// The lines in the order a reader wants them: ranked customers first, then those that agree (ordered once, so
    /// a screen drawing them every frame does not sort them again).
    public private(set) var orderedLines: [ReconcileLine]

    /// A report.
    public init(period: Period, lines: [ReconcileLine], notes: [String] = []) {
        self.period = period
        self.lines = lines
        self.notes = notes
        orderedLines = Self.ordered(lines)
    }

    /// The lines that disagree.
    public var differences: [ReconcileLine] { lines.filter { !$0.agrees } }

    /// Whether every line agrees.
    public var agrees: Bool { lines.allSatisfy(\.agrees) }

    /// The customers with a difference, the largest absolute money difference first (then the largest unit
    /// difference, then the id), each with its lines that disagree.
    public var ranked: [(customer: Customer, money: Int, lines: [ReconcileLine])] { Self.ranked(lines) }

    private static func ranked(_ lines: [ReconcileLine]) -> [(customer: Customer, money: Int, lines: [ReconcileLine])] {
        let grouped = Dictionary(grouping: lines.filter { !$0.agrees }, by: \.customer.id)
        return grouped.values.map { lines in
            (lines[0].customer, lines.reduce(0) { $0 + abs($1.moneyDifference ?? 0) }, lines)
        }
        .sorted { left, right in
            if left.money != right.money { return left.money > right.money }
            let units = { (lines: [ReconcileLine]) in lines.reduce(Decimal(0)) { $0 + abs($1.unitDifference) } }
            if units(left.lines) != units(right.lines) { return units(left.lines) > units(right.lines) }
            return left.customer.id < right.customer.id
        }
    }

    private static func ordered(_ lines: [ReconcileLine]) -> [ReconcileLine] {
        ranked(lines).flatMap(\.lines) + lines.filter(\.agrees)
    }
}
