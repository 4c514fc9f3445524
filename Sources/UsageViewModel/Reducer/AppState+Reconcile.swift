import UsageCore

extension AppState {
    /// `$` on a customer (or `:reconcile`): its bills checked against its events and the plan, over the billing periods
    /// overlapping the dashboard's period; from the customers table with no customer, every customer's.
    mutating func openReconcile(customerID: String?, customerName: String?) -> [Effect] {
        stack.append(.reconcile(ReconcileState(customerID: customerID, customerName: customerName)))
        return loadReconcile()
    }

    mutating func loadReconcile() -> [Effect] {
        guard let state = top?.reconcileState else { return [] }
        return loadTop(.reconcile(customerID: state.customerID, period: resolvedPeriod))
    }

    mutating func reconcileCommand(_ command: Command) -> [Effect] {
        guard var state = top?.reconcileState else { return [] }
        if state.cursor.apply(command, count: state.lines?.count ?? 0, visible: tableRows) {
            top?.reconcileState = state
            return []
        }
        guard command == .open || command == .openEvents, let lines = state.lines,
            lines.indices.contains(state.cursor.selected)
        else { return [] }
        return openEvents(of: lines[state.cursor.selected])
    }

    /// The events behind a line: its customer's events of its metric over its billing period (or the stretch no
    /// bill counts), oldest first.
    private mutating func openEvents(of line: ReconcileLine) -> [Effect] {
        guard let metric = metrics.first(where: { $0.code == line.metricCode }) else {
            message = StatusMessage("\(line.metricCode) is not among the source's metrics", .warning)
            return []
        }
        return openEvents(
            EventsState(
                customerID: line.customer.id, customerName: line.customer.name, metric: metric, period: line.period))
    }

    mutating func reconcileArrived(_ id: RequestID?, _ result: Result<ReconcileReport, UsageError>) -> [Effect] {
        guard let index = land(id, result, into: \.reconcileState), case .success(let report) = result else {
            return []
        }
        let visible = tableRows
        stack[index].reconcileState?.cursor.clamp(count: report.lines.count, visible: visible)
        let differing = report.differences.count
        message = StatusMessage(
            differing == 0
                ? "\(report.lines.count) charge\(report.lines.count == 1 ? "" : "s") checked: all agree"
                : "\(differing) of \(report.lines.count) charges differ", differing == 0 ? .info : .warning)
        return []
    }
}
