import Foundation
import UsageCore

/// The customers view: all rows, their sort order, the filter and the visible subset.
public struct CustomersState: Sendable, Equatable {
    /// Every loaded row.
    public private(set) var rows = CustomerRows()
    /// Lower-case names and ids for filtering and name sorting.
    private var index = SearchIndex(CustomerRows())
    /// Sort keys of the rows, per column, made when first sorted by.
    private var sortKeys = SortKeys()
    /// Row indices in sort order.
    private var order: [Int] = []
    /// Row indices in sort order that match the filter: what the table shows.
    public private(set) var visible: [Int] = []
    /// The filter text.
    public private(set) var filter = ""
    /// Whether keys currently type into the filter.
    public var isEditingFilter = false
    /// The sort column.
    public private(set) var sortColumn = SortColumn.total
    /// Whether the sort is descending.
    public private(set) var descending = true
    /// Selection and scroll.
    public var cursor = ListCursor()
    /// Whether rows have been loaded at least once.
    public var loaded = false
    /// The comparison period's totals by customer id, once they arrived for the rows' question.
    public private(set) var previousTotals: [String: Decimal]?
    /// The load of `previousTotals` in flight.
    var compareRequest: RequestID?
    /// The answer the rows were made from, with the request out and the last failure (shown in place of the table
    /// when there are no rows).
    public var data = Loadable<[CustomerSummary]>()
    /// What the rows answer (metric and period); rows of another question are never shown under this one.
    public private(set) var query: String?
    /// While a provider loads customers one call at a time: how many are done, of how many, since when.
    public var progress: LoadProgress?
    /// Whether arriving rows are shown as they come (the table was emptied for a new question).
    public private(set) var isFilling = false
    /// What the rows hold, for choosing columns and the header; kept when rows change, never scanned per frame.
    public private(set) var holds = RowContents()
    /// Other metrics' totals shown side by side on a wide screen: metric code → customer id → total.
    public private(set) var sideTotals: [String: [String: Decimal]] = [:]
    /// Each side-by-side metric's largest total and most decimals (up to six), kept as they arrive so that frames
    /// never scan them: a column's one unit and its decimal points lined up.
    public private(set) var sideContents: [String: SideContents] = [:]

    /// What a side-by-side metric's totals hold.
    public struct SideContents: Sendable, Equatable {
        /// The largest total.
        public var largest: Decimal
        /// The most decimals of a total, up to six.
        public var decimals: Int
    }
    /// The side-by-side loads in flight and the metric each answers.
    var sideRequests: [RequestID: String] = [:]

    /// Creates an empty state.
    public init() {}

    /// The request whose answer is awaited.
    public var request: RequestID? { data.request }
    /// The last load failure.
    public var error: String? { data.error }

    /// The row under the cursor.
    public var selectedRow: CustomerRow? {
        visible.indices.contains(cursor.selected) ? rows[visible[cursor.selected]] : nil
    }

    /// Replaces the rows, keeping the sort, the filter and the selected customer; the same answer again as `data`
    /// holds (a cached one, compared by identity first) changes nothing and rebuilds nothing.
    public mutating func setRows(_ summaries: [CustomerSummary], visibleRows: Int) {
        if loaded, !isFilling, progress == nil, let answer = data.value, answer == summaries { return }
        data.value = summaries
        let firstAnswer = !loaded || isFilling
        let selectedID = selectedRow?.summary.customer.id
        rows = CustomerRows(summaries)
        applyPrevious()
        holds = RowContents()
        holds.add(summaries)
        index = SearchIndex(rows)
        sortKeys = SortKeys()
        // Every column's order is made with the first answer, so that no sort key press has to wait for one.
        if firstAnswer { sortKeys.prepareAll(rows: rows, index: index) }
        loaded = true
        isFilling = false
        progress = nil
        resort()
        refilter(from: order)
        if let selectedID, let index = visible.firstIndex(where: { rows.summaries[$0].customer.id == selectedID }) {
            cursor.selected = index
        }
        cursor.clamp(count: visible.count, visible: visibleRows)
    }

    /// A side-by-side metric's totals arrived (its rows by customer id).
    public mutating func setSideTotals(_ code: String, _ rows: [CustomerSummary]) {
        let totals = Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { a, _ in a })
        sideTotals[code] = totals
        sideContents[code] = SideContents(
            largest: totals.values.max() ?? 0, decimals: totals.values.reduce(0) { max($0, $1.fractionDigits(upTo: 6)) }
        )
    }

    /// Drops every side-by-side metric's totals (another question).
    public mutating func dropSideTotals() {
        sideTotals = [:]
        sideContents = [:]
    }

    /// Starts loading `query`: rows answering another question are dropped (a refresh of the same keeps them).
    public mutating func begin(query: String) {
        progress = nil
        guard query != self.query else { return }
        self.query = query
        previousTotals = nil
        rows = CustomerRows()
        holds = RowContents()
        index = SearchIndex(CustomerRows())
        sortKeys = SortKeys()
        order = []
        visible = []
        loaded = false
        isFilling = true
        cursor = ListCursor()
    }

    /// Rows that arrived before the rest: shown at once while the table fills, else only counted.
    public mutating func arrive(_ report: SummaryProgress, at now: Date, visibleRows: Int) {
        progress = LoadProgress(
            loaded: report.loaded, total: report.total, since: progress?.since ?? now,
            first: progress?.first ?? report.loaded)
        guard isFilling, !report.rows.isEmpty else { return }
        let selectedID = selectedRow?.summary.customer.id
        rows.append(report.rows)
        applyPrevious()
        holds.add(report.rows)
        index = SearchIndex(rows)
        sortKeys = SortKeys()
        resort()
        refilter(from: order)
        if let selectedID, let index = visible.firstIndex(where: { rows.summaries[$0].customer.id == selectedID }) {
            cursor.selected = index
        }
        cursor.clamp(count: visible.count, visible: visibleRows)
    }

    /// Sets the filter; narrowing an existing filter only rescans the rows that still match.
    public mutating func setFilter(_ text: String, visibleRows: Int) {
        let narrowing = !filter.isEmpty && text.utf8.starts(with: filter.utf8)
        filter = text
        refilter(from: narrowing ? visible : order)
        cursor.selected = 0
        cursor.offset = 0
        cursor.clamp(count: visible.count, visible: visibleRows)
    }

    /// The comparison period's totals arrived (nil: dropped): each row's change, and the order by it, follow; a
    /// customer the answer lacks had nothing then.
    public mutating func setPreviousTotals(_ totals: [String: Decimal]?) {
        previousTotals = totals
        applyPrevious()
        sortKeys.forget(.change)
        guard sortColumn == .change else { return }
        let selected = visible.indices.contains(cursor.selected) ? visible[cursor.selected] : nil
        resort()
        refilter(from: order)
        if let selected, let index = visible.firstIndex(of: selected) { cursor.selected = index }
    }

    private mutating func applyPrevious() {
        rows.compare(with: previousTotals)
    }

    /// Sorts by `column`; the same column again flips the direction.
    public mutating func sort(by column: SortColumn, descending: Bool? = nil) {
        if let descending {
            self.descending = descending
        } else {
            self.descending = column == sortColumn ? !self.descending : column.descendingByDefault
        }
        sortColumn = column
        let selected = visible.indices.contains(cursor.selected) ? visible[cursor.selected] : nil
        resort()
        refilter(from: order)
        if let selected, let index = visible.firstIndex(of: selected) { cursor.selected = index }
    }

    private mutating func resort() {
        order = sortKeys.order(sortColumn, descending: descending, rows: rows, index: index)
    }

    /// Keeps the candidates whose name or id contains every word of the filter, in any order (`fab lab`).
    private mutating func refilter(from candidates: [Int]) {
        let words = Self.words(filter)
        if words.isEmpty {
            visible = order
            return
        }
        visible = words.reduce(candidates) { rows, word in index.filter(rows, needle: word) }
    }

    /// The filter's words in lower case, as bytes: ASCII lowered byte by byte (a pasted megabyte in a few
    /// milliseconds), anything else through Unicode.
    static func words(_ text: String) -> [[UInt8]] {
        var text = text
        let lower =
            text.withUTF8 { utf8 -> [UInt8]? in
                utf8.contains { $0 >= 0x80 } ? nil : utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
            } ?? Array(text.lowercased().utf8)
        return lower.split(separator: 0x20).map(Array.init)
    }
}
