import Synchronization
import Testing
import UsageCore

/// A listing kept for one piece of work: read once however many ask at once, read again after a failure, and read
/// every time outside the work.
@Suite("Work memo")
struct WorkMemoTests {
    struct Refused: Error {}

    /// Counts reads from any task.
    final class Reads: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test func manyAskingAtOnceShareOneRead() async throws {
        let reads = Reads()
        let memo = WorkMemo()
        let values = try await WorkMemo.$current.withValue(memo) {
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await WorkMemo.reuse("subscriptions c1") {
                            reads.add()
                            await Task.yield()  // others ask while this read is under way
                            return ["sub_1", "sub_2"]
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(values.count == 20 && values.allSatisfy { $0 == ["sub_1", "sub_2"] })
        #expect(reads.value == 1)
        _ = try await WorkMemo.reuse("subscriptions c1") { reads.add() }
        #expect(reads.value == 2, "outside the work every call reads afresh")
    }

    @Test func aFailureIsNotKept() async throws {
        let memo = WorkMemo()
        await #expect(throws: Refused.self) {
            try await memo.value("k") { () async throws -> Int in throw Refused() }
        }
        #expect(try await memo.value("k") { 7 } == 7, "asked again after the failure")
        #expect(try await memo.value("k") { 8 } == 7, "then kept")
    }
}
