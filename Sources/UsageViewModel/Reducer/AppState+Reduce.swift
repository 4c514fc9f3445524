import Foundation
import KeyInput
import UsageCore

extension AppState {
    /// Applies an action and returns the I/O to perform. Pure: no clock, no I/O, no globals. A status message said
    /// by the action is stamped with the time and the view; one left from before goes when its view is left or its
    /// time is up.
    public mutating func reduce(_ action: Action) -> [Effect] {
        let before = message
        let effects = apply(action)
        if var said = message, said != before || said.said == nil {
            said.said = (now, stack.count)
            message = said
        } else if let said = message?.said,
            said.depth != stack.count || now.timeIntervalSince(said.at) >= message?.lifetime ?? 0
        {
            message = nil
        }
        return effects
    }

    private mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .started(let now, let width, let height):
            self.now = now
            self.width = width
            self.height = height
            loadingMetrics = true
            return [.load(nil, .source), .load(nil, .metrics)] + (stack.isEmpty ? [] : loadUsage())
        case .resized(let width, let height):
            return resize(width: width, height: height)
        case .ticked(let date):
            now = date
            if isLoading { spinnerFrame &+= 1 }
            return refreshIfDue()
        case .keyPressed(let key):
            return press(key)
        case .answered(let id, let answer):
            return answered(id, answer)
        }
    }

    /// Hands an answer to the part of the state that asked for it.
    private mutating func answered(_ id: RequestID?, _ answer: Answer) -> [Effect] {
        switch answer {
        case .source(let result):
            switch result {
            case .success(let info): source = info
            case .failure(let error):
                // A replica that cannot be read is no longer known to be up to date.
                source?.replica = nil
                message = StatusMessage(error.message, .error)
            }
        case .metrics(let result):
            return metricsArrived(result)
        case .customersArriving(let progress):
            customersArriving(id, progress)
        case .sideTotals(let code, let result):
            sideTotalsArrived(id, code, result)
        case .customers(let result):
            return customersArrived(id, result)
        case .usage(let result):
            return usageArrived(id, result)
        case .timeseries(_, let result):
            return timeseriesArrived(id, result)
        case .breakdown(let result):
            return breakdownArrived(id, result)
        case .reconcile(let result):
            return reconcileArrived(id, result)
        case .events(let result):
            return eventsArrived(id, result)
        case .propertyValues(let result):
            return propertyValuesArrived(id, result)
        case .fileWritten(let result, let summary):
            return fileWritten(result, summary: summary)
        case .themeApplied(let name, let problem):
            if problem == nil { themeName = name }
            message =
                problem.map { StatusMessage("theme \(name): \($0.message)", .warning) }
                ?? StatusMessage("theme: \(name)", .info)
        case .profileOpened(let name, let result):
            return profileOpened(name, result)
        case .board, .activity:
            break
        }
        return []
    }

    private mutating func resize(width: Int, height: Int) -> [Effect] {
        let sideBefore = Layout.sideMetricCount(width: self.width, metrics: metrics.count)
        self.width = width
        self.height = height
        customers.cursor.clamp(count: customers.visible.count, visible: tableRows)
        if Layout.sideMetricCount(width: width, metrics: metrics.count) > sideBefore, customers.loaded, stack.isEmpty {
            return loadSideTotals()
        }
        guard var events = top?.eventsState, events.pageSize != tableRows, tableRows > 0 else { return [] }
        let firstShown = events.pageIndex * events.pageSize
        events.pageSize = tableRows
        events.pageIndex = firstShown / tableRows
        top?.eventsState = events
        return reloadTop()
    }

    private mutating func press(_ key: Key) -> [Effect] {
        if key.isControl, KeyMap.command(for: key, on: screenKind, overrides: keyOverrides) == .redraw {
            fullRedraws += 1  // a control key is never typed into a field
            return []
        }
        if case .text(let text) = key, !isTyping { return pressEach(text) }
        if overlay != nil { return pressInOverlay(key) }
        if commandLine != nil { return typeInCommandLine(key) }
        if screenKind == .customers && customers.isEditingFilter { return typeInFilter(key) }
        if case .events(let events)? = stack.last, events.filterDraft != nil { return typeInPropertyFilter(key) }
        if case .events(let events)? = stack.last, events.searchDraft != nil { return typeInSearch(key) }
        if case .events(let events)? = stack.last, events.jumpDraft != nil { return typeInJump(key) }
        if let effects = pointed(key) { return effects }
        guard let command = KeyMap.command(for: key, on: screenKind, overrides: keyOverrides) else { return [] }
        switch command {
        case .quit:
            shouldQuit = true
            return [.quit]
        case .help:
            overlay = .help(scroll: 0)
            return []
        case .redraw:
            fullRedraws += 1
            return []
        case .refresh:
            loadingMetrics = loadingMetrics || stack.isEmpty
            return [.invalidateCache, .load(nil, .source)] + (stack.isEmpty ? [.load(nil, .metrics)] : reloadTop())
        case .back:
            return back()
        case .startCommandLine:
            commandLine = ""
            return []
        case .choosePeriod:
            overlay = .periodPicker(PeriodPicker(current: period))
            return []
        case .earlierPeriod, .laterPeriod:
            return shiftPeriod(by: command == .earlierPeriod ? -1 : 1)
        default:
            if let effects = autoRefreshCommand(command) { return effects }
            if screenKind != .events || command != .copy, let effects = exportCommand(command) { return effects }
            switch screenKind {
            case .customers: return customersCommand(command)
            case .customerUsage: return usageCommand(command)
            case .timeseries: return timeseriesCommand(command)
            case .events: return eventsCommand(command)
            case .breakdown: return breakdownCommand(command)
            case .reconcile: return reconcileCommand(command)
            case .usageChart: return usageChartCommand(command)
            }
        }
    }

    /// Whether a text field takes what is typed (the command line, a filter, a search, a date, the period picker).
    public var isTyping: Bool {
        if commandLine != nil || (screenKind == .customers && customers.isEditingFilter) { return true }
        if case .periodPicker? = overlay { return true }
        guard overlay == nil, case .events(let events)? = stack.last else { return false }
        return events.filterDraft != nil || events.searchDraft != nil || events.jumpDraft != nil
    }

    /// Characters typed at once where no text field is open: each is a key of its own, until one opens a text field
    /// (`/`, `:`, `f`), which then takes the rest in one go; a key that quits ends it.
    private mutating func pressEach(_ text: String) -> [Effect] {
        var effects: [Effect] = []
        var rest = Substring(text)
        while let first = rest.first, !isTyping, !shouldQuit {
            effects += press(.character(first))
            rest = rest.dropFirst()
        }
        if !rest.isEmpty, isTyping, !shouldQuit { effects += press(.text(String(rest))) }
        return effects
    }

    private mutating func pressInOverlay(_ key: Key) -> [Effect] {
        if case .periodPicker(let picker) = overlay { return typeInPeriodPicker(key, picker) }
        if case .help(let scroll) = overlay {
            let limit = max(0, HelpText.lines(for: self).count - HelpText.visibleRows(height: height))
            guard let moved = Self.scrolled(scroll, by: key, page: HelpText.visibleRows(height: height), limit: limit)
            else {
                overlay = nil
                return []
            }
            overlay = .help(scroll: moved)
            return []
        }
        guard case .eventDetail(let lines, let title, let scroll) = overlay else {
            overlay = nil
            return []
        }
        let page = HelpText.visibleRows(height: height)
        if let moved = Self.scrolled(scroll, by: key, page: page, limit: max(0, lines.count - page)) {
            overlay = .eventDetail(lines: lines, title: title, scroll: moved)
        } else if key == .character("y") {
            message = StatusMessage("copied \(title.lowercased()) as JSON to the clipboard", .info)
            return [.copy(lines.joined(separator: "\n"))]
        } else {
            overlay = nil
        }
        return []
    }

    /// Where a scrolled overlay's first line goes for `key` (nil: the key does not scroll).
    private static func scrolled(_ scroll: Int, by key: Key, page: Int, limit: Int) -> Int? {
        switch key {
        case .up, .character("k"), .wheelUp: max(0, scroll - 1)
        case .down, .character("j"), .wheelDown: min(limit, scroll + 1)
        case .pageUp: max(0, scroll - page)
        case .pageDown: min(limit, scroll + page)
        default: nil
        }
    }

    /// `Esc`: clears what the view applied first (the events' filter and search), then leaves the view.
    private mutating func back() -> [Effect] {
        if var events = top?.eventsState, !events.query.matches.isEmpty || events.query.text != nil {
            events.query.matches = []
            events.query.text = nil
            message = StatusMessage("filter cleared; Esc again goes back", .info)
            return reloadEvents(events)
        }
        guard let top = stack.popLast() else {
            if !customers.filter.isEmpty { customers.setFilter("", visibleRows: tableRows) }
            return []
        }
        let cancel = top.request.map { [Effect.cancel($0)] } ?? []
        return cancel + (stack.isEmpty ? loadCustomers() : reloadTop())
    }

    /// Reloads whatever the top view shows.
    mutating func reloadTop() -> [Effect] {
        guard let top = stack.last else { return loadCustomers() }
        switch top {
        case .customerUsage: return loadUsage()
        case .timeseries: return loadTimeseries()
        case .events: return loadEvents()
        case .breakdown: return loadBreakdown()
        case .reconcile: return loadReconcile()
        }
    }

    mutating func succeeded() {
        lastRefresh = now
        if message?.severity == .error { message = nil }
    }
}
