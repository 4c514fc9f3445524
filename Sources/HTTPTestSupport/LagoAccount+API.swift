import Foundation

extension LagoAccount {
    /// Answers a request under `/api/v1` as Lago's API would.
    public func answer(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        let path = request.path.hasPrefix("/api/v1") ? String(request.path.dropFirst(7)) : request.path
        let parts = path.split(separator: "/").map(String.init)
        let query = request.query
        switch parts {
        case ["customers"]:
            let items = state.withLock { $0.customers }.map {
                #"{"external_id": \#(Self.quote($0.id)), "name": \#(Self.quote($0.name)), "currency": "EUR"}"#
            }
            return Self.paged(items, root: "customers", query)
        case let p where p.count == 2 && p[0] == "customers":
            guard let customer = state.withLock({ $0.customers.first { $0.id == p[1] } }) else {
                return Self.notFound("customer")
            }
            return .init(
                body:
                    #"{"customer": {"external_id": \#(Self.quote(customer.id)), "name": \#(Self.quote(customer.name)), "currency": "EUR"}}"#
            )
        case ["billable_metrics"]:
            return Self.paged(
                state.withLock { $0.metrics }.filter(\.listed).map(Self.metricJSON), root: "billable_metrics", query)
        case let p where p.count == 2 && p[0] == "billable_metrics":
            guard let metric = state.withLock({ $0.metrics.first { $0.code == p[1] } }) else {
                return Self.notFound("billable_metric")
            }
            return .init(body: #"{"billable_metric": \#(Self.metricJSON(metric))}"#)
        case ["subscriptions"]:
            let mine = state.withLock { $0.subscriptions }.filter { $0.customer == query["external_customer_id"] }
            let items = mine.map { s in
                let end = s.terminated.map { #", "terminated_at": "\#(Self.iso($0))""# } ?? ""
                return
                    #"{"external_id": \#(Self.quote(s.id)), "plan_code": \#(Self.quote(Self.planCode(s))), "status": "\#(s.terminated == nil ? "active" : "terminated")", "started_at": "\#(Self.iso(s.started))"\#(end)}"#
            }
            return Self.paged(items, root: "subscriptions", query)
        case let p where p.count == 3 && p[0] == "customers" && p[2] == "current_usage":
            return currentUsage(customer: p[1], query)
        case let p where p.count == 3 && p[0] == "customers" && p[2] == "past_usage":
            return pastUsage(customer: p[1], query)
        case ["events"]:
            return events(query)
        case let p where p.count == 2 && p[0] == "plans":
            return plan(code: p[1])
        case let p where p.count == 2 && p[0] == "subscriptions":
            return subscription(id: p[1], status: query["status"])
        default:
            return .init(status: .notFound, body: #"{"status": 404, "error": "Not Found", "code": "not_found"}"#)
        }
    }

    private func subscription(_ customer: String, _ query: [String: String]) -> Subscription? {
        state.withLock {
            $0.subscriptions.first { $0.id == query["external_subscription_id"] && $0.customer == customer }
        }
    }

    private func currentUsage(customer: String, _ query: [String: String]) -> TestHTTPServer.Reply {
        guard let subscription = subscription(customer, query) else { return Self.notFound("subscription") }
        guard subscription.terminated == nil, let period = Self.periods(subscription, now: now).last, period.end > now
        else {
            return .init(
                status: .methodNotAllowed,
                body: #"{"status": 405, "error": "Method Not Allowed", "code": "no_active_subscription"}"#)
        }
        return .init(
            body:
                #"{"customer_usage": \#(usage(subscription, period, metric: query["billable_metric_code"], invoiced: false))}"#
        )
    }

    private func pastUsage(customer: String, _ query: [String: String]) -> TestHTTPServer.Reply {
        guard let subscription = subscription(customer, query) else { return Self.notFound("subscription") }
        let past = Self.periods(subscription, now: now).filter { $0.end <= now || subscription.terminated != nil }
            .reversed()
        let items = past.map { usage(subscription, $0, metric: query["billable_metric_code"], invoiced: true) }
        return Self.paged(items, root: "usage_periods", query)
    }

    /// Events newest first, a page at a time; a subscription's events are found by halving (a copy reads hundreds of
    /// thousands a page at a time).
    private func events(_ query: [String: String]) -> TestHTTPServer.Reply {
        let from = query["timestamp_from"].flatMap(Self.date) ?? .distantPast
        let to = query["timestamp_to"].flatMap(Self.date) ?? .distantFuture  // inclusive, as Lago's
        let lists: [[Event]] = state.withLock { state in
            if query["external_subscription_id"] == nil, query["code"] == nil { return [state.all] }
            if let subscription = query["external_subscription_id"], let code = query["code"] {
                return [state.events["\(subscription)\u{0}\(code)"] ?? []]
            }
            return state.events.filter { key, _ in
                let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                return (query["external_subscription_id"].map { $0 == parts[0] } ?? true)
                    && (query["code"].map { $0 == parts[1] } ?? true)
            }.map(\.value)
        }
        let hits: ArraySlice<Event>
        if lists.count == 1 {
            let list = lists[0]
            let first = Self.firstIndex(in: list) { $0.at <= to }, last = Self.firstIndex(in: list) { $0.at < from }
            hits = list[first..<max(first, last)]
        } else {
            hits = ArraySlice(
                lists.flatMap { $0.filter { $0.at >= from && $0.at <= to } }.sorted { ($0.at, $1.id) > ($1.at, $0.id) })
        }
        let size = max(1, Int(query["per_page"] ?? "100") ?? 100), page = max(1, Int(query["page"] ?? "1") ?? 1)
        let slice = hits.dropFirst((page - 1) * size).prefix(size)
        let items = slice.map { e in
            let properties = e.properties.sorted { $0.key < $1.key }.map { "\(Self.quote($0.key)): \($0.value)" }
                .joined(separator: ", ")
            return
                #"{"transaction_id": \#(Self.quote(e.id)), "external_subscription_id": \#(Self.quote(e.subscription)), "code": \#(Self.quote(e.code)), "timestamp": "\#(Self.iso(e.at, fraction: true))", "properties": {\#(properties)}}"#
        }
        let pages = max(1, (hits.count + size - 1) / size)
        let next = page < pages ? String(page + 1) : "null"
        return .init(
            body:
                #"{"events": [\#(items.joined(separator: ", "))], "meta": {"current_page": \#(page), "next_page": \#(next), "total_pages": \#(pages), "total_count": \#(hits.count)}}"#
        )
    }

    /// The first index of a list (newest first) at which `holds` becomes true and stays so.
    static func firstIndex(in list: [Event], where holds: (Event) -> Bool) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if holds(list[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A usage document of one subscription's period.
    func usage(_ subscription: Subscription, _ period: (start: Date, end: Date), metric code: String?, invoiced: Bool)
        -> String
    {
        let (metrics, events, withCurrency, phantoms) = state.withLock {
            ($0.metrics, invoiced ? $0.invoiced ?? $0.events : $0.events, $0.currencyInDocument, $0.phantoms)
        }
        var total = 0
        let charges = subscription.charges.filter { code == nil || $0.metric == code }.compactMap { charge -> String? in
            guard let metric = metrics.first(where: { $0.code == charge.metric }) else { return nil }
            let inside = (events["\(subscription.id)\u{0}\(charge.metric)"] ?? []).filter {
                $0.at >= period.start && $0.at < period.end
            }
            let usage = Self.chargeUsage(
                charge, metric, inside, phantom: phantoms["\(subscription.id)\u{0}\(charge.metric)"] ?? 0)
            total += usage.cents
            return usage.json
        }
        let currency = withCurrency ? #""currency": "EUR", "# : ""
        return
            #"{"from_datetime": "\#(Self.iso(period.start))", "to_datetime": "\#(Self.iso(period.end.addingTimeInterval(-1)))", \#(currency)"amount_cents": \#(total), "taxes_amount_cents": 0, "total_amount_cents": \#(total), "lago_invoice_id": \#(invoiced ? #""inv_\#(subscription.id)""# : "null"), "charges_usage": [\#(charges.joined(separator: ", "))]}"#
    }
}
