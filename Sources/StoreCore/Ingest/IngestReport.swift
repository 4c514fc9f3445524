/// What an ingest did: rows written, duplicates skipped, lines rejected.
public struct IngestReport: Sendable, Hashable {
    /// A rejected line with its reason.
    public struct Rejection: Sendable, Hashable {
        /// Why a line was rejected.
        public struct Reason: Error, Sendable, Hashable {
            /// The reason, one line.
            public var text: String
        }

        /// One-based line number in the events file.
        public var line: Int
        /// Why the line was rejected.
        public var reason: String
    }

    /// Events written.
    public var inserted = 0
    /// Transaction ids seen before (in the file or the store), skipped.
    public var duplicateCount = 0
    /// The first duplicate ids, for the report.
    public var duplicateSamples: [String] = []
    /// The first rejected lines (at most `sampleLimit`).
    public var rejections: [Rejection] = []
    /// All rejected lines.
    public var rejectedCount = 0
    /// The first lines kept with a change validation made (a NUL character kept as text), with what it did.
    public var notes: [Rejection] = []
    /// All lines kept with a change.
    public var notedCount = 0
    /// Whether anything was written.
    public var committed = false
    /// Whether the store's demo data was replaced by this load.
    public var replacedDemoData = false
    /// Whether the store held only demo data and the load brought nothing to replace it with (so it was kept).
    public var keptDemoData = false

    /// How many rejections and duplicates are listed in full.
    public static let sampleLimit = 20

    /// Creates an empty report.
    public init() {}

    /// Records a rejected line, keeping the first `sampleLimit`.
    package mutating func reject(line: Int, reason: String) {
        rejectedCount += 1
        if rejections.count < Self.sampleLimit { rejections.append(Rejection(line: line, reason: reason)) }
    }

    /// Records a line kept with a change, keeping the first `sampleLimit`.
    package mutating func note(line: Int, _ note: String) {
        notedCount += 1
        if notes.count < Self.sampleLimit { notes.append(Rejection(line: line, reason: note)) }
    }

    /// Records a duplicate transaction id.
    package mutating func duplicate(_ id: String) {
        duplicateCount += 1
        if duplicateSamples.count < Self.sampleLimit { duplicateSamples.append(id) }
    }

    /// The human report, one finding per line.
    public var lines: [String] {
        var out: [String] = []
        for rejection in rejections { out.append("line \(rejection.line): \(rejection.reason)") }
        if rejectedCount > rejections.count {
            out.append("... and \(rejectedCount - rejections.count) more invalid lines")
        }
        for note in notes { out.append("line \(note.line): \(note.reason)") }
        if notedCount > notes.count { out.append("... and \(notedCount - notes.count) more lines kept with a change") }
        if duplicateCount > 0 {
            let sample = duplicateSamples.prefix(5).joined(separator: ", ")
            out.append(
                "\(duplicateCount) duplicate transaction_id ignored (\(sample)\(duplicateCount > 5 ? ", ..." : ""))")
        }
        if committed && replacedDemoData { out.append("the store held only demo data: replaced it with these events") }
        if keptDemoData && rejectedCount == 0 { out.append("no events to load: the store keeps its demo data") }
        if committed {
            out.append(
                "ingested \(inserted) events" + (rejectedCount > 0 ? ", skipped \(rejectedCount) invalid lines" : ""))
        } else if rejectedCount > 0 {
            out.append("nothing written: \(rejectedCount) invalid lines (use --skip-invalid to load the valid ones)")
        }
        return out
    }
}
