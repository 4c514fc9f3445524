import Foundation
import LocalStore
import PostgresStore
import PostgresTestSupport
import StoreCore
import Testing
import UsageCore

/// Every read of one answer sees one snapshot of the store, on both stores: a write committed while an answer reads
/// is seen by the next answer, never by half of this one.
@Suite("One snapshot per answer")
struct SnapshotTests {
    static let calls = TestStore.metric("calls")
    static let day = [(tag: 0, plan: RangePlan(startMs: 1_767_225_600_000, endMs: 1_767_312_000_000))]

    @Test(arguments: StoreKind.available)
    func aWriteCommittedWhileAnAnswerReadsIsSeenOnlyByTheNextAnswer(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([TestStore.event("e1", "calls", "2026-01-01T10:00:00Z")])
        let (before, during) = try await Self.read(t) { reader in
            let before = try await reader.partials(Self.calls, customer: "c1", ranges: Self.day)[0]?.count
            try await t.ingest([TestStore.event("e2", "calls", "2026-01-01T11:00:00Z")])
            let during = try await reader.partials(Self.calls, customer: "c1", ranges: Self.day)[0]?.count
            return (before, during)
        }
        #expect(before == 1)
        #expect(during == 1)
        let next = try await Self.read(t) { reader in
            try await reader.partials(Self.calls, customer: "c1", ranges: Self.day)[0]?.count
        }
        #expect(next == 2)
    }

    @Test(arguments: StoreKind.available)
    func anAnswerThatFailsGivesItsConnectionBack(kind: StoreKind) async throws {
        struct Refused: Error {}
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([TestStore.event("e1", "calls", "2026-01-01T10:00:00Z")])
        // More failed answers than either store has connections to read on: each must have given its own back.
        for _ in 0..<12 {
            let error = await #expect(throws: (any Error).self) {
                try await Self.read(t) { reader -> Int in
                    _ = try await reader.metrics()
                    throw Refused()
                }
            }
            #expect(String(describing: error).contains("Refused"))
        }
        let count = try await Self.read(t) { reader in
            try await reader.partials(Self.calls, customer: "c1", ranges: Self.day)[0]?.count
        }
        #expect(count == 1)
    }

    /// Runs `body` with the store's reader, in one snapshot.
    static func read<T: Sendable>(
        _ t: StoreUnderTest, _ body: @escaping @Sendable (any StoreReader) async throws -> T
    ) async throws -> T {
        switch t.store {
        case let store as UsageStore: try await SQLiteBackend(store: store).read(body)
        case let store as PostgresUsageStore: try await PostgresBackend(store: store).read(body)
        default: throw UsageError(.unsupported, "no backend for \(t.kind)")
        }
    }
}
