import Foundation
import Synchronization

/// Reads and parses an events file on a thread of its own while the caller writes what was parsed: JSON parsing,
/// validation and rollup accumulation (together half of ingest's work) run on the second core. Chunks arrive in file
/// order, at most `depth` waiting, so memory stays bounded however long the file is.
package final class ParsingPipeline: Sendable {
    /// Parsed lines, in file order.
    package struct Chunk: Sendable {
        /// Valid events with their line numbers.
        package var events: [NewEvent] = []
        /// Invalid lines: number and reason.
        package var rejections: [(line: Int, reason: String)] = []
        /// Valid lines that validation changed: number and what it did.
        package var notes: [(line: Int, note: String)] = []
        /// The rollups of every valid event since the last chunk that carried them (duplicates included: the writer
        /// takes those back); set when enough rows are waiting and on the last chunk.
        package var rollups: RollupAccumulator?
        /// Set on the last chunk when reading stopped on an error.
        package var failure: LineReader.Failure?
        /// Whether this is the last chunk.
        package var isLast = false
    }

    private let queue = Mutex<[Chunk]>([])
    private let stopped = Atomic<Bool>(false)
    private let items = DispatchSemaphore(value: 0)
    private let slots: DispatchSemaphore

    /// Starts reading `reader` with `parser` on a new thread, `chunkLines` lines a chunk, handing over rollups when
    /// `rollupRows` rows are waiting (none without `countsRollups`: a store that rolls up on its server).
    package init(
        reader: LineReader, parser: EventLineParser, chunkLines: Int = 4_096, depth: Int = 4,
        rollupRows: Int = RollupAccumulator.maxPendingRows, countsRollups: Bool = true
    ) {
        slots = DispatchSemaphore(value: depth)
        let thread = Thread { [self] in produce(reader, parser, chunkLines, countsRollups ? rollupRows : nil) }
        thread.name = "usagetop-ingest-parse"
        thread.start()
    }

    /// The next chunk, waiting for it (the producer always ends with a chunk marked last).
    package func next() -> Chunk {
        items.wait()
        let chunk = queue.withLock { $0.removeFirst() }
        slots.signal()
        return chunk
    }

    /// Stops the producer early (the load failed); chunks already parsed are dropped.
    package func stop() {
        stopped.store(true, ordering: .relaxed)
        slots.signal()
    }

    private func produce(_ reader: LineReader, _ parser: EventLineParser, _ chunkLines: Int, _ rollupRows: Int?) {
        var reader = reader
        var chunk = Chunk(), lines = 0, number = 0, rollups = RollupAccumulator()
        func send(_ last: Bool) -> Bool {
            chunk.isLast = last
            if let rollupRows, last || rollups.pendingRows >= rollupRows {
                rollups.complete()
                chunk.rollups = rollups
                rollups = RollupAccumulator()
            }
            slots.wait()
            if stopped.load(ordering: .relaxed) { return false }
            queue.withLock { $0.append(chunk) }
            items.signal()
            chunk = Chunk()
            lines = 0
            return true
        }
        do {
            while let line = try reader.next() {
                number += 1
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    switch parser.parse(line) {
                    case .success(let event):
                        if rollupRows != nil { rollups.add(event) }
                        if let note = event.note { chunk.notes.append((number, note)) }
                        chunk.events.append(event)
                    case .failure(let reason): chunk.rejections.append((number, reason.text))
                    }
                }
                lines += 1
                if lines >= chunkLines, !send(false) { return }
            }
        } catch {
            chunk.failure = error
        }
        _ = send(true)
    }
}
