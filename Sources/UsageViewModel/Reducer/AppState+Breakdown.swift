import UsageCore

extension AppState {
    /// `B`: the metric under the cursor (usage view) or charted (chart, over the bucket under the cursor) split by an
    /// event property.
    mutating func openBreakdown(customerID: String, customerName: String, metric: Metric, period: Period?) -> [Effect] {
        var state = BreakdownState(customerID: customerID, customerName: customerName, metric: metric, period: period)
        state.key = breakdownKey
        stack.append(.breakdown(state))
        return loadBreakdown()
    }

    /// Loads the breakdown with its baseline: a bucket against the bucket before, the dashboard's period against
    /// the period before (a period under way against the same elapsed part).
    mutating func loadBreakdown() -> [Effect] {
        guard let state = top?.breakdownState else { return [] }
        let before = (state.period.map(PeriodChoice.fixed) ?? period).previous(now: now)
        return loadTop(
            .breakdown(
                customerID: state.customerID, metric: state.metric, period: state.period ?? resolvedPeriod,
                key: state.key, before: before))
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
        breakdownKey = answer.key
        let visible = tableRows
        stack[index].breakdownState?.cursor.clamp(count: answer.rows.count, visible: visible)
        return []
    }
}
