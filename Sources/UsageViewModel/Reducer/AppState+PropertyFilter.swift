import KeyInput
import UsageCore

extension AppState {
    /// Keys while a property filter is typed in the events view: text edits it, `Enter` applies it (every
    /// `key=value` word must hold), `Esc` clears it; the provider answers over all events of the period.
    mutating func typeInPropertyFilter(_ key: Key) -> [Effect] {
        guard var state = top?.eventsState, var draft = state.filterDraft else { return [] }
        if let held = state.heldKeys {  // a Tab waits for the period's values: keys keep their order
            state.heldKeys = held + [key]
            top?.eventsState = state
            return []
        }
        switch key {
        case .character(let c):
            draft.append(c)
            state.filterDraft = draft
        case .text(let text):
            state.filterDraft = draft + text
        case .backspace:
            state.filterDraft = String(draft.dropLast())
        case .tab where state.valuesRequest != nil:
            state.heldKeys = [key]
        case .tab:
            state.filterDraft = Self.complete(draft, from: state.page?.items ?? [], values: state.propertyValues ?? [:])
        case .escape:
            state.filterDraft = nil
            guard !state.query.matches.isEmpty else { break }
            state.query.matches = []
            return reloadEvents(state)
        case .enter:
            let words = draft.split(separator: " ").map(String.init)
            let matches = words.compactMap(EventQuery.Match.parse)
            guard matches.count == words.count else {
                message = StatusMessage("a filter is key=value words, e.g. status=500 endpoint=/v1/search", .warning)
                break
            }
            state.filterDraft = nil
            state.query.matches = matches
            return reloadEvents(state)
        default:
            break
        }
        top?.eventsState = state
        return []
    }

    /// Keys while a search is typed in the events view (`/`): `Enter` lists only the events whose id or properties
    /// hold the text, over every event of the period; `Esc` clears it.
    mutating func typeInSearch(_ key: Key) -> [Effect] {
        guard var state = top?.eventsState, let draft = state.searchDraft else { return [] }
        switch key {
        case .character(let c): state.searchDraft = draft + String(c)
        case .text(let text): state.searchDraft = draft + text
        case .backspace: state.searchDraft = String(draft.dropLast())
        case .escape:
            state.searchDraft = nil
            guard state.query.text != nil else { break }
            state.query.text = nil
            return reloadEvents(state)
        case .enter:
            state.searchDraft = nil
            state.query.text = draft.isEmpty ? nil : draft
            return reloadEvents(state)
        default: break
        }
        top?.eventsState = state
        return []
    }

    /// The period's property values arrived: kept for the filter, then the keys held behind a `Tab` replayed.
    mutating func propertyValuesArrived(_ id: RequestID?, _ result: Result<[String: [BreakdownRow]], UsageError>)
        -> [Effect]
    {
        guard let id, let index = stack.lastIndex(where: { $0.eventsState?.valuesRequest == id }),
            var state = stack[index].eventsState
        else { return [] }
        state.valuesRequest = nil
        state.propertyValues = (try? result.get()) ?? [:]  // none: Tab completes from the page on screen
        let held = state.heldKeys ?? []
        state.heldKeys = nil
        stack[index].eventsState = state
        guard index == stack.count - 1 else { return [] }
        return held.flatMap { reduce(.keyPressed($0)) }
    }

    /// `Tab` in a filter: the last word's key completed (`s` → `status=`), or its value (`status=5` → `status=500`),
    /// the match with the most events over the whole period (`values`), else on the page on screen.
    static func complete(_ draft: String, from events: [UsageEvent], values: [String: [BreakdownRow]] = [:]) -> String {
        let words = draft.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return draft }
        let head = words.dropLast().map { $0 + " " }.joined()
        var counts: [String: Int] = [:]
        if let equals = last.firstIndex(of: "=") {
            let key = String(last[..<equals]), typed = String(last[last.index(after: equals)...])
            for row in values[key] ?? [] {
                guard let value = row.value, value.hasPrefix(typed) else { continue }
                counts[value, default: 0] += row.events
            }
            for event in events where values[key] == nil {
                guard let value = event.properties[key].map(Self.text), value.hasPrefix(typed) else { continue }
                counts[value, default: 0] += 1
            }
            guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return draft }
            return head + key + "=" + best
        }
        for (key, rows) in values where key.hasPrefix(last) {
            counts[key, default: 0] += rows.map(\.events).reduce(0, +)
        }
        for event in events where values.isEmpty {
            guard case .object(let fields) = event.properties else { continue }
            for (key, _) in fields where key.hasPrefix(last) { counts[key, default: 0] += 1 }
        }
        guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return draft }
        return head + best + "="
    }

    /// A property value as a filter compares it: strings bare, numbers and the rest as JSON text.
    private static func text(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.compact(value)
    }

    /// The events view from its first page with `state`'s query.
    mutating func reloadEvents(_ state: EventsState) -> [Effect] {
        var state = state
        state.pageIndex = 0
        state.cursor = ListCursor()
        top?.eventsState = state
        return loadEvents()
    }
}
