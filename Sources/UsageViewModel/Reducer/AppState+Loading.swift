import Foundation
import UsageCore

extension AppState {
    /// The view on top of the stack (nil: the customers view); setting it replaces that view.
    var top: Screen? {
        get { stack.last }
        set {
            guard let newValue, !stack.isEmpty else { return }
            stack[stack.count - 1] = newValue
        }
    }

    /// Applies `change` to the top view's state when the top view is of `view`'s kind (else nothing): the one place a
    /// stacked view's state is written back. `change` works on a copy, so it may read the rest of the state.
    mutating func updateTop<View>(_ view: WritableKeyPath<Screen, View?>, _ change: (inout View) -> Void) {
        guard var state = top?[keyPath: view] else { return }
        change(&state)
        top?[keyPath: view] = state
    }

    /// Asks `request` for the top view, which now waits for it instead of the request it had out (cancelled).
    mutating func loadTop(_ request: Request) -> [Effect] {
        guard top != nil else { return [] }
        let cancel = top?.request.map { [Effect.cancel($0)] } ?? []
        let id = requests.issue()
        top?.begin(id)
        return cancel + [.load(id, request)]
    }

    mutating func loadUsage() -> [Effect] {
        guard let state = top?.usageState else { return [] }
        let (period, bucket) = (resolvedPeriod, bucket)
        return loadTop(.usage(customerID: state.customerID, period: period, bucket: bucket)) + loadTopComparison()
    }

    mutating func loadTimeseries() -> [Effect] {
        guard let state = top?.seriesState else { return [] }
        let (period, bucket) = (resolvedPeriod, bucket)
        return loadTop(
            .timeseries(metric: state.metric, customerID: state.customerID, period: period, bucket: bucket))
            + loadTopComparison()
    }

    /// Opens `events` on top, a page the height of the table, and loads its first page.
    mutating func openEvents(_ events: EventsState) -> [Effect] {
        var events = events
        events.pageSize = tableRows
        stack.append(.events(events))
        return loadEvents()
    }

    mutating func loadEvents() -> [Effect] {
        guard let state = top?.eventsState else { return [] }
        let period = state.period ?? resolvedPeriod
        return loadTop(
            .events(
                customerID: state.customerID, metric: state.metric, period: period, page: state.pageIndex,
                pageSize: state.pageSize, query: state.query))
    }

    /// Lands an answer in the stacked view waiting for `id`; returns that view's index, or nil when nobody waits
    /// (superseded or left). A failure is said on the status line, as a warning when the provider does not offer it or
    /// has nothing there.
    mutating func land<View: LoadingView>(
        _ id: RequestID?, _ result: Result<View.Value, UsageError>, into view: WritableKeyPath<Screen, View?>
    ) -> Int? {
        guard let id, let index = stack.lastIndex(where: { $0.request == id }),
            var waiting = stack[index][keyPath: view], waiting.data.land(id, result, now: now)
        else { return nil }
        stack[index][keyPath: view] = waiting
        switch result {
        case .success: succeeded()
        case .failure(let error):
            // Nothing there, or not offered, is said as a warning; a failure to answer as an error.
            message = StatusMessage(error.message, [.unsupported, .notFound].contains(error.kind) ? .warning : .error)
        }
        return index
    }

    mutating func usageArrived(_ id: RequestID?, _ result: Result<CustomerUsage, UsageError>) -> [Effect] {
        if comparedArrived(id, usage: result, series: nil) { return [] }
        guard let index = land(id, result, into: \.usageState), case .success(let usage) = result else {
            return []
        }
        let visible = tableRows
        stack[index].usageState?.customerName = usage.customer.name
        stack[index].usageState?.cursor.clamp(count: usage.totals.count, visible: visible)
        return []
    }

    mutating func timeseriesArrived(_ id: RequestID?, _ result: Result<TimeSeries, UsageError>) -> [Effect] {
        if comparedArrived(id, usage: nil, series: result) { return [] }
        guard let index = land(id, result, into: \.seriesState), case .success(let series) = result else {
            return []
        }
        if let time = stack[index].seriesState?.cursorTime {  // another bucket size: the same time under the cursor
            stack[index].seriesState?.cursorTime = nil
            stack[index].seriesState?.cursor = series.points.lastIndex { $0.start <= time }
            return []
        }
        let cursor = stack[index].seriesState?.cursor
        stack[index].seriesState?.cursor = cursor.map { min($0, series.points.count - 1) }.flatMap {
            $0 >= 0 ? $0 : nil
        }
        return []
    }

    mutating func eventsArrived(_ id: RequestID?, _ result: Result<Page<UsageEvent>, UsageError>) -> [Effect] {
        if let id, let index = stack.lastIndex(where: { $0.request == id }), case .success(let counted) = result,
            stack[index].eventsState?.locating != nil
        {
            _ = stack[index].eventsState?.data.abandon()  // a count of the events before a time, not a page
            return jumped(toRow: counted.totalCount)
        }
        guard let index = land(id, result, into: \.eventsState), var state = stack[index].eventsState else {
            return []
        }
        state.locating = nil
        guard case .success(let page) = result else {
            stack[index].eventsState = state
            return []
        }
        if let actual = page.newestFirst, actual != state.query.newestFirst {
            message = StatusMessage("\(providerName) lists events \(page.orderText) only", .info)
            state.query.newestFirst = actual
        }
        if let first = page.unreadable.first {
            let count = page.unreadable.count
            message = StatusMessage(
                "\(count) \(count == 1 ? "event" : "events") on this page could not be read: \(first)", .warning)
        }
        if page.items.isEmpty && page.index > 0 && page.totalCount > 0 {
            state.pageIndex = page.pageCount - 1  // the list shrank under the page asked: show its last page
            stack[index].eventsState = state
            return loadEvents()
        }
        if let row = state.pendingRow, page.items.indices.contains(row) { state.cursor.selected = row }
        state.pendingRow = nil
        state.cursor.clamp(count: page.items.count, visible: tableRows)
        stack[index].eventsState = state
        return []
    }
}
