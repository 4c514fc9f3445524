import UsageCore

extension AppState {
    /// `B`: the metric under the cursor (usage view) or charted (chart, over the bucket under the cursor) split by an
    /// event property.
    mutating func openBreakdown(customerID: String, customerName: String, metric: Metric, period: Period?) -> [Effect] {
        stack.append(
            .breakdown(
                BreakdownState(
                    customerID: customerID, customerName: customerName, metric: metric,
                    period: period)))
        return loadBreakdown()
    }

    mutating func loadBreakdown() -> [Effect] {
        guard case .breakdown(let state)? = stack.last else { return [] }
        let (id, effects) = renewTopRequest()
        return effects + [
            .load(
                id,
                .breakdown(
                    customerID: state.customerID, metric: state.metric, period: state.period ?? resolvedPeriod,
                    key: state.key))
        ]
    }

    mutating func breakdownCommand(_ command: Command) -> [Effect] {
        guard case .breakdown(var state)? = stack.last else { return [] }
        if state.cursor.apply(command, count: state.rows?.count ?? 0, visible: tableRows) {
            stack[stack.count - 1] = .breakdown(state)
            return []
        }
        switch command {
        case .nextProperty:
            guard let current = state.key, state.keys.count > 1, let index = state.keys.firstIndex(of: current) else {
                return []
            }
            state.key = state.keys[(index + 1) % state.keys.count]
            state.rows = nil
            state.cursor = ListCursor()
            stack[stack.count - 1] = .breakdown(state)
            return loadBreakdown()
        case .open, .openEvents:
            return openEvents(ofRow: state)
        default:
            return []
        }
    }

    /// The events behind a breakdown row: the value as a property filter.
    private mutating func openEvents(ofRow state: BreakdownState) -> [Effect] {
        guard let key = state.key, let rows = state.rows, rows.indices.contains(state.cursor.selected) else {
            return []
        }
        let row = rows[state.cursor.selected]
        guard let conditions = row.conditions(by: key) else {
            message = StatusMessage(
                row.unmatched
                    ? "events no filter matched cannot be listed by a property"
                    : "events without \(key) cannot be filtered by it", .info
            )
            return []
        }
        var events = EventsState(
            customerID: state.customerID, customerName: state.customerName, metric: state.metric,
            period: state.period)
        events.query.matches = conditions
        events.pageSize = tableRows
        stack.append(.events(events))
        return loadEvents()
    }

    mutating func breakdownArrived(_ id: RequestID?, _ result: Result<BreakdownAnswer, UsageError>) -> [Effect] {
        guard let id else { return [] }
        finish(id)
        guard let index = screenIndex(waitingFor: id), case .breakdown(var state) = stack[index] else { return [] }
        state.request = nil
        switch result {
        case .success(let answer):
            state.key = answer.key
            state.keys = answer.keys
            state.rows = answer.rows
            state.error = nil
            state.cursor.clamp(count: answer.rows.count, visible: tableRows)
            succeeded()
        case .failure(let error):
            state.error = error.message
            message = StatusMessage(error.message, error.kind == .unsupported ? .warning : .error)
        }
        stack[index] = .breakdown(state)
        return []
    }
}
