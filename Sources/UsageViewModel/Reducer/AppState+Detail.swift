import Foundation
import UsageCore

extension AppState {
    mutating func usageCommand(_ command: Command) -> [Effect] {
        guard case .customerUsage(var state) = stack.last else { return [] }
        let count = state.usage?.totals.count ?? 0
        if state.cursor.apply(command, count: count, visible: tableRows) {
            stack[stack.count - 1] = .customerUsage(state)
            return []
        }
        let selected = state.usage.flatMap { $0.totals.indices.contains(state.cursor.selected) ? $0.totals[state.cursor.selected] : nil }
        switch command {
        case .open:
            guard let total = selected else { return [] }
            stack.append(.timeseries(TimeseriesState(metric: total.metric, customerID: state.customerID, customerName: state.customerName)))
            return loadTimeseries()
        case .openEvents:
            guard let total = selected else { return [] }
            var events = EventsState(customerID: state.customerID, customerName: state.customerName, metric: total.metric)
            events.pageSize = tableRows
            stack.append(.events(events))
            return loadEvents()
        case .nextPeriod:
            period = period.next
            return loadUsage()
        case .nextBucket:
            bucket = bucket.next
            return loadUsage()
        default:
            state.error = nil
            return []
        }
    }

    mutating func timeseriesCommand(_ command: Command) -> [Effect] {
        guard case .timeseries(var state) = stack.last else { return [] }
        switch command {
        case .nextPeriod:
            period = period.next
        case .nextBucket:
            bucket = bucket.next
        case .nextFilter:
            guard let next = filtered(state.metric) else { return [] }
            state.metric = next
            state.series = nil
            stack[stack.count - 1] = .timeseries(state)
        case .nextMetric, .previousMetric:
            guard let index = metrics.firstIndex(where: { $0.code == state.metric.code }) ?? metrics.indices.first else { return [] }
            let step = command == .nextMetric ? 1 : metrics.count - 1
            state.metric = metrics[(index + step) % metrics.count]
            state.series = nil
            stack[stack.count - 1] = .timeseries(state)
        default:
            return []
        }
        return loadTimeseries()
    }

    mutating func eventsCommand(_ command: Command) -> [Effect] {
        guard case .events(var state) = stack.last else { return [] }
        let pageCount = state.page?.pageCount ?? 1
        let rows = state.page?.items.count ?? 0
        switch command {
        case .moveUp, .moveDown:
            _ = state.cursor.apply(command, count: rows, visible: tableRows)
            stack[stack.count - 1] = .events(state)
            return []
        case .open:
            guard let page = state.page, page.items.indices.contains(state.cursor.selected) else { return [] }
            overlay = Self.detail(of: page.items[state.cursor.selected])
            return []
        case .nextPage: state.pageIndex = min(pageCount - 1, state.pageIndex + 1)
        case .previousPage: state.pageIndex = max(0, state.pageIndex - 1)
        case .moveHome: state.pageIndex = 0
        case .moveEnd: state.pageIndex = pageCount - 1
        case .nextFilter:
            guard let next = filtered(state.metric) else { return [] }
            state.metric = next
            state.pageIndex = 0
            state.page = nil
        default: return []
        }
        state.cursor = ListCursor()
        stack[stack.count - 1] = .events(state)
        return loadEvents()
    }

    /// The metric with its next filter (or none after the last), saying which; nil with a message when the
    /// provider has no filters or the metric defines none.
    private mutating func filtered(_ metric: Metric) -> Metric? {
        guard capabilities.contains(.filters) else {
            message = ("metric filters not offered by \(providerName)", .warning)
            return nil
        }
        guard !metric.filters.isEmpty else {
            message = ("\(metric.name) has no filters", .info)
            return nil
        }
        let next = metric.nextFilter()
        message = ("filter: \(next.filter?.name ?? "none (all events)")", .info)
        return next
    }

    static func detail(of event: UsageEvent) -> Overlay {
        let document = JSONValue.object([
            ("transaction_id", .string(event.transactionID)),
            ("external_customer_id", .string(event.customerID)),
            ("code", .string(event.metricCode)),
            ("timestamp", .string(UTCTime.iso(event.timestamp))),
            ("properties", event.properties),
        ])
        let lines = JSONWriter.pretty(document).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return .eventDetail(lines: lines, title: "Event \(event.transactionID)", scroll: 0)
    }
}
