/// Listings a provider may read once for the length of one piece of work (one customer's part of a sync pass) and
/// reuse for every question of it, instead of once per metric: Lago's subscription listing, asked by the customer's
/// totals, its plans and each metric's event copy. The work sets it for its task and the tasks under it
/// (`WorkMemo.$current.withValue`); without one, every call reads afresh, as a dashboard's refresh must.
public actor WorkMemo {
    /// The memo of the work running in this task, if any.
    @TaskLocal public static var current: WorkMemo?

    private var kept: [String: Task<any Sendable, any Error>] = [:]

    /// Creates an empty memo.
    public init() {}

    /// The value kept under `key`, made by `make` the first time it is asked (calls asking while it is made wait for
    /// the same answer; a failure is not kept, so the next call asks again).
    public func value<Value: Sendable>(_ key: String, make: @escaping @Sendable () async throws -> Value)
        async throws -> Value
    {
        let task = kept[key] ?? Task { try await make() }
        kept[key] = task
        do {
            guard let value = try await task.value as? Value else { preconditionFailure("\(key) kept another type") }
            return value
        } catch {
            if kept[key] == task { kept[key] = nil }
            throw error
        }
    }

    /// `make`'s value, kept under `key` for the work in progress when there is one, else read afresh.
    public static func reuse<Value: Sendable>(_ key: String, make: @escaping @Sendable () async throws -> Value)
        async throws -> Value
    {
        guard let memo = current else { return try await make() }
        return try await memo.value(key, make: make)
    }
}
