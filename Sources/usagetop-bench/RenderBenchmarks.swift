import DashboardScreens
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// Frame rendering and filtering, with no I/O.
enum RenderBenchmarks {
    static func customers(count: Int) -> [CustomerSummary] {
        var random = SeededRandomish(seed: 1)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        return (0..<count).map { i in
            CustomerSummary(
                customer: Customer(id: "cus_\(i)", name: "Company \(random.word()) \(random.word()) \(i)"),
                total: Decimal(random.next() % 100_000), daily: (0..<30).map { _ in Decimal(random.next() % 500) },
                lastEventAt: now.addingTimeInterval(-Double(random.next() % 86_400)))
        }
    }

    static func run() {
        let rows = customers(count: 100_000)
        var state = AppState(
            now: Date(timeIntervalSince1970: 1_795_000_000), width: 200, height: 60,
            providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: state.now, width: 200, height: 60))
        let effects = state.reduce(
            .answered(nil, .metrics(.success([Metric(code: "calls", name: "Calls", aggregation: .count)]))))
        if case .load(let id, .customers)? = effects.first {
            _ = state.reduce(.answered(id, .customers(.success(rows))))
        }
        let options = RenderOptions()
        var checksum = 0
        _ = Stopwatch.measure("render customers frame 200x60 (100k rows loaded)", runs: 300) {
            checksum &+= DashboardRenderer.render(state, options: options).cells.count
        }
        var previous = DashboardRenderer.render(state, options: options)
        _ = Stopwatch.measure("render + diff after one row moved, 200x60", runs: 300) {
            _ = state.reduce(.keyPressed(.down))
            let frame = DashboardRenderer.render(state, options: options)
            checksum &+= frame.changes(since: previous).count
            previous = frame
        }
        var customers = state.customers
        _ = Stopwatch.measure(
            "filter keystroke, 100k customers: first char 'y'", runs: 100,
            setup: { customers.setFilter("", visibleRows: 54) }
        ) {
            customers.setFilter("y", visibleRows: 54)
        }
        _ = Stopwatch.measure(
            "filter keystroke, 100k customers: 'y' -> 'yo'", runs: 100,
            setup: { customers.setFilter("y", visibleRows: 54) }
        ) {
            customers.setFilter("yo", visibleRows: 54)
        }
        _ = Stopwatch.measure(
            "filter keystroke, 100k customers: backspace 'yo' -> 'y'", runs: 100,
            setup: { customers.setFilter("yo", visibleRows: 54) }
        ) {
            customers.setFilter("y", visibleRows: 54)
        }
        var refreshed = rows
        refreshed[0].total += 1
        var flip = false
        _ = Stopwatch.measure("a refresh with changed rows replaces 100k rows", runs: 10) {
            flip.toggle()
            customers.setRows(flip ? refreshed : rows, visibleRows: 54)
        }
        for column in SortColumn.allCases {
            let other: SortColumn = column == .total ? .id : .total
            _ = Stopwatch.measure(
                "sort key, 100k, after a refresh: by \(column)", runs: 10,
                setup: {
                    customers.setRows([], visibleRows: 54)
                    customers.sort(by: other, descending: true)
                    customers.setRows(rows, visibleRows: 54)
                }
            ) {
                customers.sort(by: column, descending: true)
            }
            _ = Stopwatch.measure("sort key, 100k, order known: by \(column)", runs: 20) {
                customers.sort(by: column, descending: true)
            }
        }
        if checksum == 42 { print("") }
    }
}

/// A tiny deterministic generator for benchmark names and numbers.
struct SeededRandomish {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    mutating func word() -> String {
        let words = [
            "acme", "globex", "yoyodyne", "initech", "umbrella", "stark", "wayne", "hooli", "tyrell", "zenith",
        ]
        return words[Int(next() % UInt64(words.count))]
    }
}
