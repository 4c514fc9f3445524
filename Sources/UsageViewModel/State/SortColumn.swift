/// Columns the customers table sorts by.
public enum SortColumn: String, Sendable, Hashable, CaseIterable {
    case name, id, total, lastEvent, change

    /// The next column, wrapping around.
    public var next: SortColumn {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether the column starts in descending order (numbers and times: biggest first).
    public var descendingByDefault: Bool { self != .name && self != .id }
}
