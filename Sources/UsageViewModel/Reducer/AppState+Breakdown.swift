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
        guard let state = top?.breakdownState else { return [] }
        return loadTop(
            .breakdown(
                customerID: state.customerID, metric: state.metric, period: state.period ?? resolvedPeriod,
                key: state.key))
    }

    mutating func breakdownCommand(_ command: Command) -> [Effect] {
        guard var state = top?.breakdownState else { return [] }
        if state.cursor.apply(command, count: state.rows?.count ?? 0, visible: tableRows) {
            top?.breakdownState = state
            return []
        }
        switch command {
        case .nextProperty:
            guard let current = state.key, state.keys.count > 1, let index = state.keys.firstIndex(of: current) else {
                return []
            }
            state.key = state.keys[(index + 1) % state.keys.count]
            state.data.value = nil
            state.cursor = ListCursor()
            top?.breakdownState = state
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
        return openEvents(events)
    }

    mutating func breakdownArrived(_ id: RequestID?, _ result: Result<BreakdownAnswer, UsageError>) -> [Effect] {
        guard let index = land(id, result, into: \.breakdownState), case .success(let answer) = result else {
            return []
        }
        stack[index].breakdownState?.key = answer.key
        stack[index].breakdownState?.keys = answer.keys
        let visible = tableRows
        stack[index].breakdownState?.cursor.clamp(count: answer.rows.count, visible: visible)
        return []
    }
}
