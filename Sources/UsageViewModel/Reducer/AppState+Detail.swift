import Foundation
import UsageCore

extension AppState {
    mutating func usageCommand(_ command: Command) -> [Effect] {
        guard let state = top?.usageState else { return [] }
        var cursor = state.cursor
        if cursor.apply(command, count: state.usage?.totals.count ?? 0, visible: tableRows) {
            updateTop(\.usageState) {
                if cursor.selected != $0.cursor.selected { $0.chartCursor = nil }
                $0.cursor = cursor
            }
            return []
        }
        let selected = state.usage.flatMap {
            $0.totals.indices.contains(state.cursor.selected) ? $0.totals[state.cursor.selected] : nil
        }
        switch command {
        case .open:
            guard let total = selected else { return [] }
            stack.append(
                .timeseries(
                    TimeseriesState(
                        metric: total.metric, customerID: state.customerID, customerName: state.customerName)))
            return loadTimeseries()
        case .openEvents:
            guard let total = selected else { return [] }
            return openEvents(
                EventsState(customerID: state.customerID, customerName: state.customerName, metric: total.metric))
        case .openBreakdown:
            guard let total = selected else { return [] }
            return openBreakdown(
                customerID: state.customerID, customerName: state.customerName, metric: total.metric,
                period: nil)
        case .openReconcile:
            return openReconcile(customerID: state.customerID, customerName: state.customerName)
        case .nextBucket:
            guard switchBucket() else { return [] }
            return loadUsage()
        case .nextPanel:
            return switchUsagePanel()
        case .cycleComparison:
            return compare(with: comparison.map { $0.next } ?? .previous)
        default:
            return []
        }
    }

    mutating func timeseriesCommand(_ command: Command) -> [Effect] {
        guard let state = top?.seriesState else { return [] }
        switch command {
        case .previousPoint, .nextPoint, .peakPoint:
            top?.seriesState?.cursor = Self.moved(state.cursor, command, in: state.series?.points ?? [])
            return []
        case .openEvents:
            return openEvents(from: state)
        case .openBreakdown:
            guard let customerID = state.customerID, let name = state.customerName else {
                message = StatusMessage("a breakdown needs one customer: open the chart from a customer's usage", .info)
                return []
            }
            return openBreakdown(
                customerID: customerID, customerName: name, metric: state.metric, period: bucketPeriod(state))
        case .nextBucket:
            guard switchBucket() else { return [] }
            let points = state.series?.points ?? []
            top?.seriesState?.cursorTime = state.cursor.flatMap { points.indices.contains($0) ? points[$0].start : nil }
        case .cycleComparison:
            return compare(with: comparison.map { $0.next } ?? .previous)
        case .nextFilter:
            guard let next = filtered(state.metric) else { return [] }
            chart(next)
        case .nextMetric, .previousMetric:
            guard let index = metrics.firstIndex(where: { $0.code == state.metric.code }) ?? metrics.indices.first
            else { return [] }
            let step = command == .nextMetric ? 1 : metrics.count - 1
            chart(metrics[(index + step) % metrics.count])
        default:
            return []
        }
        return loadTimeseries()
    }

    /// Charts `metric` on the chart on top instead of the one it shows (its old series goes).
    mutating func chart(_ metric: Metric) {
        updateTop(\.seriesState) {
            $0.metric = metric
            $0.data.value = nil
            $0.previous = nil
            $0.comparedPeriod = nil
        }
    }

    mutating func eventsCommand(_ command: Command) -> [Effect] {
        guard var state = top?.eventsState else { return [] }
        let pageCount = state.page?.pageCount ?? 1
        let rows = state.page?.items.count ?? 0
        switch command {
        case .moveUp, .moveDown:
            _ = state.cursor.apply(command, count: rows, visible: tableRows)
            top?.eventsState = state
            return []
        case .open:
            guard let page = state.page, page.items.indices.contains(state.cursor.selected) else { return [] }
            overlay = Self.detail(of: page.items[state.cursor.selected])
            return []
        case .copy:
            guard let page = state.page, page.items.indices.contains(state.cursor.selected) else { return [] }
            let event = page.items[state.cursor.selected]
            message = StatusMessage("copied event \(event.transactionID) as JSON to the clipboard", .info)
            return [.copy(JSONWriter.pretty(Self.document(of: event)))]
        case .nextPage: state.pageIndex = min(pageCount - 1, state.pageIndex + 1)
        case .previousPage: state.pageIndex = max(0, state.pageIndex - 1)
        case .moveHome: state.pageIndex = 0
        case .moveEnd: state.pageIndex = pageCount - 1
        case .nextFilter:
            guard let next = filtered(state.metric) else { return [] }
            state.metric = next
            (state.propertyValues, state.valuesRequest) = (nil, nil)
            state.pageIndex = 0
            state.data.value = nil
        case .flipOrder:
            state.query.newestFirst.toggle()
            state.pageIndex = 0
        case .startPropertyFilter:
            state.filterDraft = state.query.matches.map(\.text).joined(separator: " ")
            guard state.propertyValues == nil, state.valuesRequest == nil else {
                top?.eventsState = state
                return []
            }
            // The period's values, for Tab and for saying what a filter that finds nothing could have been.
            let id = requests.issue()
            state.valuesRequest = id
            top?.eventsState = state
            return [
                .load(
                    id,
                    .propertyValues(
                        customerID: state.customerID, metric: state.metric, period: state.period ?? resolvedPeriod))
            ]
        case .startSearch:
            top?.eventsState?.searchDraft = state.query.text ?? ""
            return []
        case .startJump:
            top?.eventsState?.jumpDraft = ""
            return []
        default: return []
        }
        state.cursor = ListCursor()
        top?.eventsState = state
        return loadEvents()
    }

    /// The next bucket that fits the period; false, saying so, when no other does.
    mutating func switchBucket() -> Bool {
        let next = bucket.next(fitting: resolvedPeriod)
        guard next != bucket else {
            let adjective = ["hour": "hourly", "day": "daily", "month": "monthly"][bucket.rawValue] ?? bucket.rawValue
            message = StatusMessage("only \(adjective) buckets fit \(period.label)", .info)
            return false
        }
        bucket = next
        return true
    }

    /// The cursor after `command`: one bucket left or right (starting from the last), or onto the largest value.
    static func moved(_ cursor: Int?, _ command: Command, in points: [TimeSeries.Point]) -> Int? {
        guard !points.isEmpty else { return nil }
        switch command {
        case .previousPoint: return max(0, (cursor ?? points.count) - 1)
        case .nextPoint: return min(points.count - 1, (cursor ?? -1) + 1)
        default: return points.indices.max { points[$0].value < points[$1].value }
        }
    }

    /// The bucket under a chart's cursor, clipped to the period shown; the whole period without a cursor.
    func bucketPeriod(_ chart: TimeseriesState) -> Period { bucketPeriod(cursor: chart.cursor, series: chart.series) }

    /// The bucket `cursor` points at in `series`, clipped to the period shown; the whole period without a cursor.
    func bucketPeriod(cursor: Int?, series: TimeSeries?) -> Period {
        let period = resolvedPeriod
        guard let index = cursor, let series, series.points.indices.contains(index) else { return period }
        let point = series.points[index]
        let end = point.end ?? series.bucket.advance(point.start)
        let start = max(point.start, period.start)
        return Period(start: start, end: max(start, min(end, period.end)))
    }

    /// The events behind a chart: of the bucket under the cursor, else of the chart's whole period.
    private mutating func openEvents(from chart: TimeseriesState) -> [Effect] {
        guard let customerID = chart.customerID, let name = chart.customerName else {
            message = StatusMessage("events need one customer: open the chart from a customer's usage", .info)
            return []
        }
        return openEvents(
            EventsState(customerID: customerID, customerName: name, metric: chart.metric, period: bucketPeriod(chart)))
    }

    /// The metric with its next filter (or none after the last), saying which; nil with a message when the
    /// provider has no filters or the metric defines none.
    private mutating func filtered(_ metric: Metric) -> Metric? {
        guard capabilities.contains(.filters) else {
            message = StatusMessage("metric filters not offered by \(providerName)", .warning)
            return nil
        }
        guard !metric.filters.isEmpty else {
            message = StatusMessage("\(metric.name) has no filters", .info)
            return nil
        }
        let next = metric.nextFilter()
        message = StatusMessage("filter: \(next.filter?.name ?? "none (all events)")", .info)
        return next
    }

    /// An event as its ingest line reads (what the detail overlay shows and `y` copies).
    static func document(of event: UsageEvent) -> JSONValue {
        JSONValue.object(
            [
                ("transaction_id", .string(event.transactionID)),
                ("external_customer_id", .string(event.customerID)),
            ] + (event.subscriptionID.map { [("external_subscription_id", JSONValue.string($0))] } ?? []) + [
                ("code", .string(event.metricCode)),
                ("timestamp", .string(UTCTime.iso(event.timestamp))),
                ("properties", event.properties),
            ])
    }

    static func detail(of event: UsageEvent) -> Overlay {
        let document = document(of: event)
        let lines = JSONWriter.pretty(document).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        return .eventDetail(lines: lines, title: "Event \(event.transactionID)", scroll: 0)
    }
}
