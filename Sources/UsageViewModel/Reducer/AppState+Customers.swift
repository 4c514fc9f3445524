import Foundation
import KeyInput
import UsageCore

extension AppState {
    /// Starts on `customer`'s usage (`usagetop --customer NAME`); `Esc` goes back to the customers table.
    public mutating func open(_ customer: Customer) {
        stack = [.customerUsage(CustomerUsageState(customerID: customer.id, customerName: customer.name))]
    }

    /// Starts on the customers table filtered to the customers `text` names (`usagetop --customer NAME` naming
    /// several), saying so, to pick one with `Enter`.
    public mutating func showCandidates(_ text: String, count: Int) {
        customers.setFilter(text, visibleRows: tableRows)
        message = StatusMessage("\(count) customers match '\(text)': Enter opens one", .info)
    }

    mutating func customersCommand(_ command: Command) -> [Effect] {
        if customers.cursor.apply(command, count: customers.visible.count, visible: tableRows) { return [] }
        switch command {
        case .open:
            guard let row = customers.selectedRow else { return [] }
            let customer = row.summary.customer
            stack.append(.customerUsage(CustomerUsageState(customerID: customer.id, customerName: customer.name)))
            return loadUsage()
        case .openReconcile:
            guard let customer = customers.selectedRow?.summary.customer else { return [] }
            return openReconcile(customerID: customer.id, customerName: customer.name)
        case .startFilter:
            customers.isEditingFilter = true
            return []
        case .cycleComparison:
            return compare(with: comparison.map { $0.next } ?? .previous)
        case .nextSortColumn:
            var column = customers.sortColumn.next
            if column == .change, comparison == nil { column = column.next }
            customers.sort(by: column, descending: column.descendingByDefault)
            return []
        case .reverseSort:
            customers.sort(by: customers.sortColumn, descending: !customers.descending)
            return []
        case .nextMetric, .previousMetric:
            guard !metrics.isEmpty else { return [] }
            metricIndex = (metricIndex + (command == .nextMetric ? 1 : metrics.count - 1)) % metrics.count
            return loadCustomers()
        case .clientTimeseries:
            guard let metric else { return [] }
            stack.append(.timeseries(TimeseriesState(metric: metric, customerID: nil, customerName: nil)))
            return loadTimeseries()
        default:
            return []
        }
    }

    mutating func typeInFilter(_ key: Key) -> [Effect] {
        switch key {
        case .character(let c):
            customers.setFilter(customers.filter + String(c), visibleRows: tableRows)
        case .text(let text):
            customers.setFilter(customers.filter + text, visibleRows: tableRows)
        case .backspace:
            customers.setFilter(String(customers.filter.dropLast()), visibleRows: tableRows)
        case .enter:
            customers.isEditingFilter = false
        case .escape:
            customers.isEditingFilter = false
            customers.setFilter("", visibleRows: tableRows)
        case .up, .down, .pageUp, .pageDown, .home, .end:
            let command = KeyMap.command(for: key, on: .customers, overrides: keyOverrides) ?? .moveDown
            _ = customers.cursor.apply(command, count: customers.visible.count, visible: tableRows)
        default:
            break
        }
        return []
    }

    mutating func loadCustomers() -> [Effect] {
        guard let metric else { return [] }
        let effects = customers.request.map { [Effect.cancel($0)] } ?? []
        let id = requests.issue()
        customers.data.begin(id)
        let period = resolvedPeriod
        let question = "\(metric.code)|\(period.start.timeIntervalSince1970)|\(period.end.timeIntervalSince1970)"
        if customers.query != question { customers.dropSideTotals() }
        customers.begin(query: question)
        return effects + cancelSideTotals() + [.load(id, .customers(metric: metric, period: period, now: now))]
            + loadComparison()
    }

    /// The metrics shown beside the chosen one on a wide screen, in the catalog's order after it.
    public var sideMetrics: [Metric] {
        // While a large table fills, its first rows must not bring columns the whole table will not have.
        let customerCount = max(customers.rows.count, customers.progress?.total ?? 0)
        guard capabilities.contains(.bulkTotals), !metrics.isEmpty, customerCount <= Layout.sideMetricsMaxRows else {
            return []
        }
        let count = Layout.sideMetricCount(width: width, metrics: metrics.count)
        return (1...max(1, count)).prefix(count).map { metrics[(metricIndex + $0) % metrics.count] }
    }

    /// Loads every side-by-side metric's totals (after the table's own rows, so they never delay them; shown until
    /// the new ones arrive). Left out above `Layout.sideMetricsMaxRows` customers, where they would cost more
    /// memory and time than they are worth.
    mutating func loadSideTotals() -> [Effect] {
        var effects = cancelSideTotals()
        let period = resolvedPeriod
        for metric in sideMetrics {
            let id = requests.issue()
            customers.sideRequests[id] = metric.code
            effects.append(.load(id, .sideTotals(metric: metric, period: period)))
        }
        return effects
    }

    /// Stops the side-by-side loads in flight.
    mutating func cancelSideTotals() -> [Effect] {
        let effects = customers.sideRequests.keys.sorted { $0.value < $1.value }.map { Effect.cancel($0) }
        customers.sideRequests = [:]
        return effects
    }

    /// A side-by-side metric's totals: kept when they answer a load still wanted.
    mutating func sideTotalsArrived(_ id: RequestID?, _ code: String, _ result: Result<[CustomerSummary], UsageError>) {
        guard let id else { return }
        if id == customers.compareRequest {
            customers.compareRequest = nil
            switch result {
            case .success(let rows):
                customers.setPreviousTotals(
                    Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { a, _ in a }))
            case .failure(let error): message = StatusMessage("compare: \(error.message)", .warning)
            }
            return
        }
        guard customers.sideRequests.removeValue(forKey: id) == code, case .success(let rows) = result else { return }
        customers.setSideTotals(code, rows)
    }

    mutating func customersArriving(_ id: RequestID?, _ report: SummaryProgress) {
        guard customers.request == id else { return }
        customers.arrive(report, at: now, visibleRows: tableRows)
    }

    mutating func metricsArrived(_ result: Result<[Metric], UsageError>) -> [Effect] {
        loadingMetrics = false
        switch result {
        case .success(let loaded):
            let previous = metric?.code
            metrics = loaded
            metricIndex = loaded.firstIndex { $0.code == previous } ?? 0
            if loaded.isEmpty {
                customers.data.error = "the store has no metrics yet: load some with `usagetop ingest --metrics`"
                customers.loaded = true
                return []
            }
            return loadCustomers()
        case .failure(let error):
            message = StatusMessage(error.message, .error)
            customers.data.error = error.message
            return []
        }
    }

    mutating func customersArrived(_ id: RequestID?, _ result: Result<[CustomerSummary], UsageError>) -> [Effect] {
        guard let id, customers.request == id else { return [] }
        switch result {
        case .success(let rows): customers.setRows(rows, visibleRows: tableRows)
        case .failure: customers.progress = nil
        }
        customers.data.land(id, result, now: now)
        switch result {
        case .success:
            succeeded()
            return loadSideTotals()
        case .failure(let error):
            message = StatusMessage(error.message, .error)
            return []
        }
    }
}
