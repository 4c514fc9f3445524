import Foundation
import UsageCore

/// What a customers table's rows hold: which optional columns any row can fill, and the periods the numbers answer
/// when not the one asked. Kept up to date as rows arrive, so drawing a frame never scans every row.
public struct RowContents: Sendable, Hashable {
    /// Some row has daily values (a sparkline).
    public private(set) var daily = false
    /// Some row has a last event time.
    public private(set) var lastEvent = false
    /// Some row has amounts.
    public private(set) var amounts = false
    /// The distinct periods the rows answer, earliest first (empty: the period asked).
    public private(set) var periods: [Period] = []
    /// Some row answers the period asked itself (beside rows of other periods, the header names it too).
    public private(set) var asAsked = false
    /// The longest name and id, in characters (columns for the Latin text most names are).
    public private(set) var longestName = 0, longestID = 0
    /// The largest total in magnitude, and the most decimals any total has (up to six, as shown).
    public private(set) var largestTotal: Decimal = 0, totalDecimals = 0

    /// Nothing yet.
    public init() {}

    /// Takes in more rows.
    mutating func add(_ rows: [CustomerSummary]) {
        var found = Set(periods)
        // By index, reading fields in place: a row copied whole costs a retain per field (100,000 rows at a refresh).
        for index in rows.indices {
            daily = daily || !rows[index].daily.isEmpty
            lastEvent = lastEvent || rows[index].lastEventAt != nil
            amounts = amounts || !rows[index].amounts.isEmpty
            if !rows[index].periods.isEmpty { found.formUnion(rows[index].periods) } else { asAsked = true }
            // A text has no more characters than bytes: only a longer one is counted.
            if rows[index].customer.name.utf8.count > longestName {
                longestName = max(longestName, rows[index].customer.name.count)
            }
            if let subscription = rows[index].subscription {  // shown after the name: `Initech · sub_eu`
                longestName = max(longestName, rows[index].customer.name.count + 3 + subscription.count)
            }
            if rows[index].customer.id.utf8.count > longestID {
                longestID = max(longestID, rows[index].customer.id.count)
            }
            let total = rows[index].total
            let magnitude = total < 0 ? -total : total
            if magnitude > largestTotal { largestTotal = magnitude }
            if totalDecimals < 6, total.exponent < 0 {
                totalDecimals = max(totalDecimals, total.fractionDigits(upTo: 6))
            }
        }
        if found.count != periods.count { periods = found.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
    }
}
