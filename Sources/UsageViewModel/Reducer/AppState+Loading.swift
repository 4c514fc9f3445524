import Foundation
import UsageCore

extension AppState {
    /// Replaces the top view's pending request with a new one; returns the id and any cancel effect.
    mutating func renewTopRequest() -> (RequestID, [Effect]) {
        var effects: [Effect] = []
        if let old = stack.last?.request, inFlight.contains(old) {
            inFlight.remove(old)
            effects.append(.cancel(old))
        }
        let id = newRequest()
        switch stack.last {
        case .customerUsage(var s)?: s.request = id; stack[stack.count - 1] = .customerUsage(s)
        case .timeseries(var s)?: s.request = id; stack[stack.count - 1] = .timeseries(s)
        case .events(var s)?: s.request = id; stack[stack.count - 1] = .events(s)
        case .breakdown(var s)?: s.request = id; stack[stack.count - 1] = .breakdown(s)
        case nil: break
        }
        return (id, effects)
    }

    mutating func loadUsage() -> [Effect] {
        guard case .customerUsage(let state) = stack.last else { return [] }
        let (id, effects) = renewTopRequest()
        return effects + [.load(id, .usage(customerID: state.customerID, period: resolvedPeriod, bucket: bucket))]
    }

    mutating func loadTimeseries() -> [Effect] {
        guard case .timeseries(let state) = stack.last else { return [] }
        let (id, effects) = renewTopRequest()
        return effects + [
            .load(
                id,
                .timeseries(metric: state.metric, customerID: state.customerID, period: resolvedPeriod, bucket: bucket))
        ]
    }

    mutating func loadEvents() -> [Effect] {
        guard case .events(let state) = stack.last else { return [] }
        let (id, effects) = renewTopRequest()
        return effects + [
            .load(
                id,
                .events(
                    customerID: state.customerID, metric: state.metric, period: state.period ?? resolvedPeriod,
                    page: state.pageIndex, pageSize: state.pageSize, query: state.query))
        ]
    }

    /// The index of the stacked view waiting for `id`.
    func screenIndex(waitingFor id: RequestID) -> Int? {
        stack.lastIndex { $0.request == id }
    }

    mutating func usageArrived(_ id: RequestID?, _ result: Result<CustomerUsage, UsageError>) -> [Effect] {
        guard let id else { return [] }
        finish(id)
        guard let index = screenIndex(waitingFor: id), case .customerUsage(var state) = stack[index] else { return [] }
        state.request = nil
        switch result {
        case .success(let usage):
            state.usage = usage
            state.customerName = usage.customer.name
            state.error = nil
            state.cursor.clamp(count: usage.totals.count, visible: tableRows)
            succeeded()
        case .failure(let error):
            state.error = error.message
            message = StatusMessage(error.message, .error)
        }
        stack[index] = .customerUsage(state)
        return []
    }

    mutating func timeseriesArrived(_ id: RequestID?, _ result: Result<TimeSeries, UsageError>) -> [Effect] {
        guard let id else { return [] }
        finish(id)
        guard let index = screenIndex(waitingFor: id), case .timeseries(var state) = stack[index] else { return [] }
        state.request = nil
        switch result {
        case .success(let series):
            state.series = series
            state.cursor = state.cursor.map { min($0, series.points.count - 1) }.flatMap { $0 >= 0 ? $0 : nil }
            state.error = nil
            succeeded()
        case .failure(let error):
            state.error = error.message
            message = StatusMessage(error.message, error.kind == .unsupported ? .warning : .error)
        }
        stack[index] = .timeseries(state)
        return []
    }

    mutating func eventsArrived(_ id: RequestID?, _ result: Result<Page<UsageEvent>, UsageError>) -> [Effect] {
        guard let id else { return [] }
        finish(id)
        guard let index = screenIndex(waitingFor: id), case .events(var state) = stack[index] else { return [] }
        state.request = nil
        switch result {
        case .success(let page) where state.locating != nil:
            stack[index] = .events(state)
            return jumped(toRow: page.totalCount)
        case .success(let page):
            state.page = page
            state.error = nil
            if let actual = page.newestFirst, actual != state.query.newestFirst {
                message = StatusMessage("\(providerName) lists events \(page.orderText) only", .info)
                state.query.newestFirst = actual
            }
            if let first = page.unreadable.first {
                let count = page.unreadable.count
                message = StatusMessage(
                    "\(count) \(count == 1 ? "event" : "events") on this page could not be read: \(first)", .warning
                )
            }
            if page.items.isEmpty && page.index > 0 && page.totalCount > 0 {
                state.pageIndex = page.pageCount - 1
                stack[index] = .events(state)
                return loadEvents()
            }
            if let row = state.pendingRow, page.items.indices.contains(row) { state.cursor.selected = row }
            state.pendingRow = nil
            state.cursor.clamp(count: page.items.count, visible: tableRows)
            succeeded()
        case .failure(let error):
            state.locating = nil
            state.error = error.message
            message = StatusMessage(error.message, error.kind == .unsupported ? .warning : .error)
        }
        stack[index] = .events(state)
        return []
    }
}
