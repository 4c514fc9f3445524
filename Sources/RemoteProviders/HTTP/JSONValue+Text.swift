import UsageCore

extension Optional where Wrapped == JSONValue {
    /// The string, unless absent, not a string, or empty (providers send `""` and `null` alike for "none").
    var nonEmptyText: String? {
        guard let text = self?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}
