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
    /// Whether anything was written.
    public var committed = false
    /// Whether the store's demo data was replaced by this load.
    public var replacedDemoData = false

    /// How many rejections and duplicates are listed in full.
    public static let sampleLimit = 20

    /// Creates an empty report.
    public init() {}

    /// Records a rejected line, keeping the first `sampleLimit`.
    package mutating func reject(line: Int, reason: String) {
        rejectedCount += 1
        if rejections.count < Self.sampleLimit { rejections.append(Rejection(line: line, reason: reason)) }
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
        if rejectedCount > rejections.count { out.append("... and \(rejectedCount - rejections.count) more invalid lines") }
        if duplicateCount > 0 {
            let sample = duplicateSamples.prefix(5).joined(separator: ", ")
            out.append("\(duplicateCount) duplicate transaction_id ignored (\(sample)\(duplicateCount > 5 ? ", ..." : ""))")
        }
        if committed && replacedDemoData { out.append("the store held only demo data: replaced it with these events") }
        if committed {
            out.append("ingested \(inserted) events" + (rejectedCount > 0 ? ", skipped \(rejectedCount) invalid lines" : ""))
        } else if rejectedCount > 0 {
            out.append("nothing written: \(rejectedCount) invalid lines (use --skip-invalid to load the valid ones)")
        }
        return out
    }
}
