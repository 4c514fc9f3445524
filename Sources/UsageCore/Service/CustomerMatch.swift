import Foundation

/// Finding customers by what a person types: a whole name wins, else every typed word must appear in the name or
/// the id (in any order, case-insensitive: `fab lab` finds "Fabrikam Labs").
public enum CustomerMatch {
    /// The customers `text` names: those whose whole name it is, else those containing each of its words.
    public static func matches(_ text: String, in customers: [Customer]) -> [Customer] {
        let wanted = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return [] }
        let exact = customers.filter { $0.name.lowercased() == wanted }
        if !exact.isEmpty { return exact }
        let words = wanted.split(separator: " ").map(String.init)
        return customers.filter { customer in
            let haystack = customer.name.lowercased() + " " + customer.id.lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}
