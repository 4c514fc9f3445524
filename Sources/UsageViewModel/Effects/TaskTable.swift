import Synchronization

/// Running effect tasks by request, so leaving a view cancels its work.
final class TaskTable: Sendable {
    private let tasks = Mutex<[RequestID: Task<Void, Never>]>([:])

    /// Starts `body`; a task with an id is tracked until it ends (registered before it can finish).
    func start(_ id: RequestID?, _ body: @escaping @Sendable () async -> Void) {
        guard let id else {
            Task.detached { await body() }
            return
        }
        tasks.withLock { table in
            table[id] = Task.detached { [weak self] in
                await body()
                self?.remove(id)
            }
        }
    }

    /// Waits until every tracked task, including any started meanwhile, has ended.
    func waitForAll() async {
        while true {
            let running = tasks.withLock { Array($0.values) }
            if running.isEmpty { return }
            for task in running { await task.value }
        }
    }

    /// How many tracked tasks are running.
    var count: Int { tasks.withLock { $0.count } }

    /// Forgets a finished task.
    func remove(_ id: RequestID) {
        _ = tasks.withLock { $0.removeValue(forKey: id) }
    }

    /// Cancels one task.
    func cancel(_ id: RequestID) {
        tasks.withLock { $0.removeValue(forKey: id) }?.cancel()
    }

    /// Cancels every task.
    func cancelAll() {
        let all = tasks.withLock { table in
            defer { table.removeAll() }
            return Array(table.values)
        }
        all.forEach { $0.cancel() }
    }
}
