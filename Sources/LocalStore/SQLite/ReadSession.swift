import Foundation
import GRDB
import Synchronization
import UsageCore

/// One read transaction held open on one of GRDB's reader threads while an answer's async reads run in it, so that
/// every read of the answer sees the same snapshot. The thread waits for work (it is GRDB's dispatch thread, never one
/// of Swift's cooperative pool) until `finish`.
final class ReadSession: Sendable {
    private typealias Job = @Sendable (Database) -> Void

    private let jobs = Mutex<(waiting: [Job], finished: Bool)>(([], false))
    private let signal = DispatchSemaphore(value: 0)

    /// Opens a read transaction on `reader` and runs `body` against it; the transaction ends when `body` returns.
    static func run<T: Sendable>(
        on reader: any DatabaseReader, _ body: @Sendable (ReadSession) async throws -> T
    ) async throws -> T {
        let session = ReadSession()
        try await withCheckedThrowingContinuation { (opened: CheckedContinuation<Void, any Error>) in
            reader.asyncRead { result in
                switch result {
                case .failure(let error): opened.resume(throwing: error)
                case .success(let db):
                    opened.resume()
                    session.serve(db)
                }
            }
        }
        do {
            let value = try await body(session)
            session.finish()
            return value
        } catch {
            session.finish()
            throw error
        }
    }

    /// Runs `work` in the session's transaction and returns what it returned.
    func perform<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, any Error>) in
            let accepted = jobs.withLock { jobs in
                guard !jobs.finished else { return false }
                jobs.waiting.append { db in done.resume(with: Result { try work(db) }) }
                return true
            }
            if accepted {
                signal.signal()
            } else {
                done.resume(throwing: UsageError(.storage, "a read was asked after its transaction ended"))
            }
        }
    }

    /// Ends the transaction once the jobs already asked have run.
    private func finish() {
        jobs.withLock { $0.finished = true }
        signal.signal()
    }

    /// Runs jobs on the reader's thread as they arrive, until finished.
    private func serve(_ db: Database) {
        while true {
            signal.wait()
            let (job, finished) = jobs.withLock { jobs -> (Job?, Bool) in
                jobs.waiting.isEmpty ? (nil, jobs.finished) : (jobs.waiting.removeFirst(), false)
            }
            if let job {
                job(db)
            } else if finished {
                return
            }
        }
    }
}
