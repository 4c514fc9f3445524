import Foundation
import Synchronization

/// A Lago organisation for tests that answers Lago's API from its own events the way lago-api computes it: billing
/// periods per subscription (calendar months in the customer's time zone, or anniversaries of the start, cut at
/// termination), one usage document per subscription and period, each charge's units from the subscription's
/// events inside the period, split by its filters (the most specific filter an event matches, else the default
/// bucket, `values: null`) and groups, events unique per subscription and transaction id, listed newest first.
/// Its numbers come from its own events, never from the code under test, so a copy can be checked against it.
public final class LagoAccount: Sendable {
    /// A billable metric (`count_agg`, `sum_agg`, `max_agg`, `unique_count_agg`, `weighted_sum_agg`).
    public struct Metric: Sendable {
        public var code: String
        public var aggregation: String
        public var field: String?
        /// Whether `GET /billable_metrics` lists it (it is still read by its code, and billed).
        public var listed: Bool
        public init(_ code: String, _ aggregation: String, field: String? = nil, listed: Bool = true) {
            (self.code, self.aggregation, self.field, self.listed) = (code, aggregation, field, listed)
        }
    }

    /// A charge of a plan: a metric priced per unit, split by filters (key → values) and groups.
    public struct Charge: Sendable {
        public var id: String
        public var metric: String
        public var filters: [[String: [String]]]
        public var groupKeys: [String]
        public var centsPerUnit: Decimal
        public init(
            _ id: String, metric: String, filters: [[String: [String]]] = [], groupKeys: [String] = [],
            centsPerUnit: Decimal = 10
        ) {
            (self.id, self.metric, self.filters, self.groupKeys, self.centsPerUnit) = (
                id, metric, filters, groupKeys, centsPerUnit
            )
        }
    }

    /// How a subscription's billing periods fall.
    public enum Billing: Sendable {
        /// Calendar months starting at local midnight in a zone `utcOffsetHours` from UTC.
        case calendar(utcOffsetHours: Int)
        /// Months from the day the subscription started.
        case anniversary
    }

    /// A subscription of a customer to a plan of charges.
    public struct Subscription: Sendable {
        public var id: String
        public var customer: String
        public var started: Date
        public var terminated: Date?
        public var billing: Billing
        public var charges: [Charge]
        public init(
            _ id: String, customer: String, started: Date, terminated: Date? = nil,
            billing: Billing = .calendar(utcOffsetHours: 0),
            charges: [Charge]
        ) {
            (self.id, self.customer, self.started, self.terminated, self.billing, self.charges) = (
                id, customer, started, terminated, billing, charges
            )
        }
    }

    /// An event as sent to Lago; property values as JSON text (`"eu"`, `12.5`).
    public struct Event: Sendable {
        public var id: String
        public var subscription: String
        public var code: String
        public var at: Date
        public var properties: [String: String]
        public init(_ id: String, subscription: String, code: String, at: Date, properties: [String: String] = [:]) {
            (self.id, self.subscription, self.code, self.at, self.properties) = (id, subscription, code, at, properties)
        }
    }

    struct State {
        var customers: [(id: String, name: String)]
        var metrics: [Metric]
        var subscriptions: [Subscription]
        var events: [String: [Event]] = [:]  // by subscription and code, newest first
        /// Every event, newest first: the organisation-wide listing.
        var all: [Event] = []
        var currencyInDocument = true
        /// Events a subscription's usage counts (of a metric) that the event listing never shows.
        var phantoms: [String: Int] = [:]
        /// The events invoiced periods bill, once invoices are issued (`closeInvoices`).
        var invoiced: [String: [Event]]?
    }

    let state: Mutex<State>
    /// The instant the account calls now (which billing period is current).
    public let now: Date

    /// An account; `now` decides the current billing periods.
    public init(
        customers: [(id: String, name: String)], metrics: [Metric], subscriptions: [Subscription], events: [Event] = [],
        now: Date = Date()
    ) {
        state = Mutex(State(customers: customers, metrics: metrics, subscriptions: subscriptions))
        self.now = now
        add(events)
    }

    /// Events that reach Lago now (late ones too: their timestamps may be long past). A repeated transaction id of the
    /// same subscription is ignored, as Lago ignores it.
    public func add(_ events: [Event]) {
        state.withLock { state in
            var added: [Event] = []
            for (key, group) in Dictionary(grouping: events, by: { "\($0.subscription)\u{0}\($0.code)" }) {
                var list = state.events[key] ?? []
                var seen = Set(list.map(\.id))
                for event in group where seen.insert(event.id).inserted {
                    list.append(event)
                    added.append(event)
                }
                state.events[key] = list.sorted { ($0.at, $1.id) > ($1.at, $0.id) }
            }
            state.all = (state.all + added).sorted { ($0.at, $1.id) > ($1.at, $0.id) }
        }
    }

    /// A customer created now, with no subscription or event yet; Lago lists the newest customer first.
    public func addCustomer(id: String, name: String) {
        state.withLock { $0.customers.insert((id, name), at: 0) }
    }

    /// Every event the organisation holds, newest first, with the customer of its subscription.
    public func allEvents() -> [(event: Event, customer: String)] {
        state.withLock { state in
            let owners = Dictionary(state.subscriptions.map { ($0.id, $0.customer) }, uniquingKeysWith: { a, _ in a })
            return state.all.map { ($0, owners[$0.subscription] ?? "") }
        }
    }

    /// Leaves the top-level `currency` out of usage documents (optional in Lago's spec; charges keep theirs).
    public func omitDocumentCurrency() { state.withLock { $0.currencyInDocument = false } }

    /// Makes the usage of a subscription's metric count `count` more events (each of value 1) than its events list:
    /// a provider whose bill and event listing disagree.
    public func countUnlisted(_ count: Int, subscription: String, metric: String) {
        state.withLock { $0.phantoms["\(subscription)\u{0}\(metric)"] = count }
    }

    /// What Lago bills a customer for a metric over `[start, end)`: its events inside the billing periods of each of
    /// its subscriptions (none after a subscription ended), folded as the metric aggregates (brute force).
    public func billed(customer: String, metric code: String, start: Date, end: Date) -> Decimal {
        let (subscriptions, events, metric) = state.withLock { state in
            (
                state.subscriptions.filter { $0.customer == customer }, state.events,
                state.metrics.first { $0.code == code }
            )
        }
        guard let metric else { return 0 }
        let inside = subscriptions.flatMap { subscription in
            let periods = Self.periods(subscription, now: now)
            return (events["\(subscription.id)\u{0}\(code)"] ?? []).filter { event in
                event.at >= start && event.at < end && periods.contains { event.at >= $0.start && event.at < $0.end }
            }
        }
        return Self.aggregate(inside, metric)
    }

    /// A subscription's billing periods up to now, earliest first.
    public func periods(of subscription: String) -> [(start: Date, end: Date)] {
        guard let found = state.withLock({ $0.subscriptions.first { $0.id == subscription } }) else { return [] }
        return Self.periods(found, now: now)
    }

    /// What Lago bills for a metric of a subscription over a billing period: the metric's own value over the events
    /// inside it (brute force over the account's events).
    public func units(subscription: String, metric code: String, start: Date, end: Date) -> Decimal {
        let (events, metric) = state.withLock {
            ($0.events["\(subscription)\u{0}\(code)"] ?? [], $0.metrics.first { $0.code == code })
        }
        guard let metric else { return 0 }
        return Self.aggregate(events.filter { $0.at >= start && $0.at < end }, metric)
    }
}
