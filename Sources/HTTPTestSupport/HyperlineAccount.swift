import Foundation
import Synchronization

/// A Hyperline account for tests and benchmarks that answers Hyperline's usage API from its own events: customers,
/// one count aggregator, a customer's usage and events over `[start_date, end_date)`, the aggregator's client-wide
/// events and its usage grouped by customer (`take`/`skip` pages, newest events first).
public final class HyperlineAccount: Sendable {
    /// An event: its id, customer and time.
    public struct Event: Sendable {
        public var id: String
        public var customer: String
        public var at: Date
        public init(_ id: String, customer: String, at: Date) {
            (self.id, self.customer, self.at) = (id, customer, at)
        }
    }

    /// The one aggregator's id.
    public static let aggregator = "agg_calls"

    private struct State {
        var customers: [String]
        var byCustomer: [String: [Event]] = [:]  // newest first
        var all: [Event] = []  // newest first
    }

    private let state: Mutex<State>

    /// An account of `customers` holding `events`.
    public init(customers: [String], events: [Event]) {
        state = Mutex(State(customers: customers))
        add(events)
    }

    /// Events that reach Hyperline now (late ones too).
    public func add(_ events: [Event]) {
        state.withLock { state in
            for (customer, group) in Dictionary(grouping: events, by: \.customer) {
                state.byCustomer[customer] = ((state.byCustomer[customer] ?? []) + group).sorted { $0.at > $1.at }
            }
            state.all = (state.all + events).sorted { $0.at > $1.at }
        }
    }

    /// Answers a request as Hyperline's API would.
    public func answer(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        let parts = request.path.split(separator: "/").map(String.init)
        let query = request.query
        let (start, end) = (
            Self.date(query["start_date"]) ?? .distantPast, Self.date(query["end_date"]) ?? .distantFuture
        )
        let (skip, take) = (Int(query["skip"] ?? "0") ?? 0, Int(query["take"] ?? "50") ?? 50)
        switch parts {
        case ["v1", "aggregators"]:
            return .init(
                body:
                    #"{"meta": {"total": 1}, "data": [{"id": "\#(Self.aggregator)", "name": "Calls", "operation": "count"}]}"#
            )
        case ["v1", "customers"]:
            let ids = state.withLock { $0.customers }
            let page = ids.dropFirst(skip).prefix(take).map { #"{"id": "\#($0)", "name": "Customer \#($0)"}"# }
            return .init(body: #"{"meta": {"total": \#(ids.count)}, "data": [\#(page.joined(separator: ","))]}"#)
        case let p where p.count == 3 && p[1] == "customers":
            guard state.withLock({ $0.byCustomer[p[2]] != nil || $0.customers.contains(p[2]) }) else {
                return .init(status: .notFound, body: #"{"message": "Customer not found"}"#)
            }
            return .init(body: #"{"id": "\#(p[2])", "name": "Customer \#(p[2])"}"#)
        case let p where p.count == 4 && p[1] == "customers" && p[3] == "usage":
            let count = events(of: p[2], start, end).count
            return .init(
                body:
                    #"[{"aggregator_id": "\#(Self.aggregator)", "name": "Calls", "unit_name": null, "total": \#(count), "count": \#(count)}]"#
            )
        case let p where p.count == 6 && p[1] == "customers" && p[5] == "events":
            return Self.page(events(of: p[2], start, end), skip: skip, take: take)
        case let p where p.count == 5 && p[1] == "aggregators" && p[4] == "events":
            return Self.page(events(of: nil, start, end), skip: skip, take: take)
        case let p where p.count == 5 && p[1] == "aggregators" && p[4] == "group-by-customer":
            return grouped(body: request.body)
        default:
            return .init(status: .notFound, body: #"{"message": "Not found"}"#)
        }
    }

    /// The events of `customer` (every customer's when nil) in `[start, end)`, newest first.
    private func events(of customer: String?, _ start: Date, _ end: Date) -> [Event] {
        state.withLock { state in
            let list = customer.map { state.byCustomer[$0] ?? [] } ?? state.all
            let first = Self.firstIndex(list) { $0.at < end }, last = Self.firstIndex(list) { $0.at < start }
            return Array(list[first..<max(first, last)])
        }
    }

    /// Each customer's count over the body's dates, customers in order.
    private func grouped(body: String) -> TestHTTPServer.Reply {
        let fields = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        let start = Self.date(fields["start_date"] as? String) ?? .distantPast
        let end = Self.date(fields["end_date"] as? String) ?? .distantFuture
        let counts = Dictionary(grouping: events(of: nil, start, end), by: \.customer).mapValues(\.count)
        let ids = counts.keys.sorted()
        let (skip, take) = (fields["skip"] as? Int ?? 0, fields["take"] as? Int ?? 100)
        let rows = ids.dropFirst(skip).prefix(take).map { #"{"customer_id": "\#($0)", "total": \#(counts[$0]!)}"# }
        return .init(body: #"{"meta": {"total": \#(ids.count)}, "data": [\#(rows.joined(separator: ","))]}"#)
    }

    private static func page(_ events: [Event], skip: Int, take: Int) -> TestHTTPServer.Reply {
        let items = events.dropFirst(skip).prefix(take).map {
            #"{"id": "\#($0.id)", "name": "call", "timestamp": "\#(LagoAccount.iso($0.at, fraction: true))", "payload": {}}"#
        }
        return .init(
            body:
                #"{"meta": {"total": \#(events.count), "taken": \#(items.count), "skipped": \#(skip)}, "data": [\#(items.joined(separator: ","))]}"#
        )
    }

    /// The first index of a list (newest first) from which `holds` is true.
    private static func firstIndex(_ list: [Event], where holds: (Event) -> Bool) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if holds(list[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func date(_ text: String?) -> Date? {
        text.flatMap(LagoAccount.date)
    }
}
