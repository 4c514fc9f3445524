import Foundation
@testable import LocalStore
import StoreCore
import Testing
import UsageCore

/// Ingest counts every valid event into rollups on its parsing thread before the writer learns which transaction ids
/// were already stored; the duplicates are taken back. Whatever the repeats carry (a larger maximum, a new distinct
/// user, another sum, another hour or customer), the store must answer as if they had never been sent.
@Suite("Duplicates change nothing, however the load is split")
struct DuplicateIngestTests {
    typealias Raw = IndependentComputationTests.Raw

    static let base: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
    static let span: Int64 = 40 * 86_400_000

    static func randomRaw(_ random: inout SeededRandom) -> Raw {
        let code = ["calls", "gb", "peak", "users"][random.below(4)]
        let value = code == "users" ? "u\(random.below(40))" : "\(random.below(60_000) - 20_000).\(random.below(1000))"
        return Raw(
            customer: ["c1", "c2", "c3"][random.below(3)], code: code,
            ms: base - 5 * 86_400_000 + Int64(random.below(Int(span))), value: value)
    }

    /// The same id with everything a later copy could change: a value above every other, a user no one else has,
    /// and often another customer and hour.
    static func repeated(_ raw: Raw, _ n: Int, _ random: inout SeededRandom) -> Raw {
        var copy = raw
        copy.value = raw.code == "users" ? "repeat-\(n)" : "987654.\(n % 1000)"
        if random.below(2) == 0 { copy.customer = ["c1", "c2", "c3"][random.below(3)] }
        if random.below(2) == 0 { copy.ms += Int64(random.below(3)) * 3_600_000 }
        return copy
    }

    static func line(_ id: String, _ raw: Raw) -> String {
        let field = raw.code == "users" ? #"{"user": "\#(raw.value)"}"# : #"{"gb": \#(raw.value), "v": \#(raw.value)}"#
        return TestStore.event(
            id, raw.code, UTCTime.iso(UTCTime.date(milliseconds: raw.ms)), customer: raw.customer, field)
    }

    /// Originals with copies of random earlier ids spread after them.
    static func withRepeats(
        _ originals: [(id: String, raw: Raw)], of earlier: [(id: String, raw: Raw)], count: Int,
        random: inout SeededRandom
    ) -> [String] {
        var lines = originals.map { line($0.id, $0.raw) }
        for n in 0..<count {
            let pick = random.below(earlier.count)
            let (id, raw) = earlier[pick]
            let lowest = lines.firstIndex(of: line(id, raw)).map { $0 + 1 } ?? 0
            lines.insert(line(id, repeated(raw, n, &random)), at: lowest + random.below(lines.count - lowest + 1))
        }
        return lines
    }

    @Test(arguments: [RollupAccumulator.maxPendingRows, 40])
    func repeatsInTheFileAndOfStoredEventsAreTakenBackExactly(rollupRowsPerMerge: Int) async throws {
        let t = try TestStore()
        var random = SeededRandom(seed: 11)
        var ingestor = Ingestor(store: t.store)
        ingestor.rollupRowsPerMerge = rollupRowsPerMerge
        func load(_ lines: [String]) throws -> IngestReport {
            try ingestor.ingest(eventsPath: try t.file(lines), metrics: TestStore.metrics)
        }
        // A first load into the empty store (its indexes are built at the end) repeats some of its own ids.
        let first = (0..<5_000).map { ("a\($0)", Self.randomRaw(&random)) }
        let firstReport = try load(Self.withRepeats(first, of: first, count: 400, random: &random))
        #expect(firstReport.committed && firstReport.inserted == 5_000 && firstReport.duplicateCount == 400)
        // A second load repeats ids of the first and of its own.
        let second = (0..<1_500).map { ("b\($0)", Self.randomRaw(&random)) }
        var lines = Self.withRepeats(second, of: second, count: 200, random: &random)
        for n in 0..<600 {
            let (id, raw) = first[random.below(first.count)]
            lines.insert(Self.line(id, Self.repeated(raw, n, &random)), at: random.below(lines.count + 1))
        }
        let secondReport = try load(lines)
        #expect(secondReport.inserted == 1_500 && secondReport.duplicateCount == 800)
        #expect(try t.store.eventCount() == 6_500)
        let raws = first.map(\.1) + second.map(\.1)
        try await IndependentComputationTests.checkRandomPeriods(
            t.provider, raws, random: &random, base: Self.base, span: Self.span, periods: 8)
    }
}
