import UsageCore

extension AppState {
    /// Keys while a property filter is typed in the events view: text edits it, `Enter` applies it (every
    /// `key=value` word must hold), `Esc` clears it; the provider answers over all events of the period.
    mutating func typeInPropertyFilter(_ key: Key) -> [Effect] {
        guard case .events(var state)? = stack.last, var draft = state.filterDraft else { return [] }
        switch key {
        case .character(let c):
            draft.append(c)
            state.filterDraft = draft
        case .backspace:
            state.filterDraft = String(draft.dropLast())
        case .escape:
            state.filterDraft = nil
            guard !state.query.matches.isEmpty else { break }
            state.query.matches = []
            return reloadEvents(state)
        case .enter:
            let words = draft.split(separator: " ").map(String.init)
            let matches = words.compactMap(EventQuery.Match.parse)
            guard matches.count == words.count else {
                message = ("a filter is key=value words, e.g. status=500 endpoint=/v1/search", .warning)
                break
            }
            state.filterDraft = nil
            state.query.matches = matches
            return reloadEvents(state)
        default:
            break
        }
        stack[stack.count - 1] = .events(state)
        return []
    }

    /// The events view from its first page with `state`'s query.
    private mutating func reloadEvents(_ state: EventsState) -> [Effect] {
        var state = state
        state.pageIndex = 0
        state.cursor = ListCursor()
        stack[stack.count - 1] = .events(state)
        return loadEvents()
    }
}
