import Foundation
import UsageCore

/// Hyperline as a `UsageProvider`: customers, aggregators as metrics, customer usage, per-customer and
/// client-wide timeseries and paged events. Events and timeseries are read with GET and, when the server answers
/// 404 or 405, with POST and a JSON body, remembered for the rest of the run.
public struct HyperlineProvider: EventListing, SeriesListing, CallCounting {
    let api: APIClient
    let methods = EndpointMemory()
    let take = 100
    /// The aggregators, kept for a minute.
    let aggregators = RecentAnswer<[Metric]>(lifetime: 60)

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
    }

    public var name: String { Self.descriptor.name }

    /// The calls made to the API so far.
    public var callsMade: Int { api.callsMade }
    public var capabilities: ProviderCapabilities { ProviderCapabilities.all.union(.eventsShareMetrics) }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "hyperline \(api.configuration.baseURL)", isDemoData: false)
    }

    /// The aggregators, read once a minute at most (a sync pass's counts ask for them again).
    public func metrics() async throws -> [Metric] {
        try await aggregators.value { try await listAggregators() }
    }

    private func listAggregators() async throws -> [Metric] {
        try await listAll("/v1/aggregators").compactMap { item in
            guard let id = item["id"].nonEmptyText else { return nil }
            let sum = item["operation"]?.stringValue == "sum"
            let filters = (item["filters"]?.arrayValue ?? []).compactMap { filter -> MetricFilter? in
                guard let id = filter["id"].nonEmptyText else { return nil }
                return MetricFilter(id: id, name: filter["name"].nonEmptyText ?? id)
            }
            return Metric(
                code: id, name: item["name"].nonEmptyText ?? id, aggregation: sum ? .sum : .count,
                field: sum ? item["property"].nonEmptyText : nil, unit: item["unit_name"].nonEmptyText,
                filters: filters)
        }
    }

    public func customer(id: String) async throws -> Customer? {
        do {
            return HyperlineDecoding.customer(try await api.get("/v1/customers/\(APIClient.segment(id))"))
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    public func customers() async throws -> [Customer] {
        try await listAll("/v1/customers").compactMap(HyperlineDecoding.customer)
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now, progress: nil)
    }

    /// Every customer's total of `metric`: from the aggregator's group-by-customer endpoint (one call per 100
    /// customers) when the server has it, else one usage call per customer, run concurrently within the rate budget
    /// and reported to `progress` as they finish.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    )
        async throws -> [CustomerSummary]
    {
        let join = BulkJoin(progress: progress)
        async let bulk = groupedTotals(metric: metric, period: period, onPage: join.summed)
        let customers = try await listAll("/v1/customers", onPage: join.listed).compactMap(HyperlineDecoding.customer)
        if let grouped = try await bulk {
            return customers.map {
                CustomerSummary(customer: $0, total: grouped[$0.id] ?? 0, daily: [], lastEventAt: nil)
            }
        }
        let batcher = RowBatcher(total: customers.count, handler: progress)
        return try await ConcurrentMap.map(customers, limit: api.concurrency) { [self] customer in
            let usage = try await customerUsage(customer.id, period: period)
            let total = usage.first { $0["aggregator_id"].nonEmptyText == metric.code }?["total"]?.decimalValue
            let row = CustomerSummary(customer: customer, total: total ?? 0, daily: [], lastEventAt: nil)
            batcher.add(row)
            return row
        }
    }

    /// Every customer's total of `metric` by customer id, from `POST …/usage/group-by-customer` paged by 100; nil
    /// when the server does not offer it (404 or 405 on the first page).
    func groupedTotals(metric: Metric, period: Period, onPage: @Sendable ([(String, Decimal)]) -> Void)
        async throws(APIError) -> [String: Decimal]?
    {
        if methods.isMissing("group-by-customer") { return nil }
        let path = "/v1/aggregators/\(APIClient.segment(metric.code))/usage/group-by-customer"
        var totals: [String: Decimal] = [:], read = 0
        var guardrail = PageGuard(limit: api.configuration.maxPages)
        while true {
            let body = JSONValue.object(
                Self.dates(period).map { ($0, .string($1)) } + [
                    ("take", .number(String(take))), ("skip", .number(String(read))),
                ])
            let document: JSONValue
            do {
                document = try await api.post(path, body: body)
            } catch {
                guard read == 0, error.status == 404 || error.status == 405 else { throw error }
                methods.rememberMissing("group-by-customer")
                return nil
            }
            let page = document["data"]?.arrayValue ?? []
            let last = page.isEmpty || read + page.count >= (document["meta"]?["total"]?.intValue ?? read + page.count)
            if let problem = guardrail.problem(admitting: page, more: !last) {
                throw api.configuration.pagingProblem(path, problem)
            }
            let found = page.compactMap { item in
                item["customer_id"].nonEmptyText.map { ($0, item["total"]?.decimalValue ?? 0) }
            }
            for (id, total) in found { totals[id] = total }
            onPage(found)
            read += page.count
            if last { return totals }
        }
    }

    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        async let metrics = metrics()
        let usage = try await customerUsage(customerID, period: period)
        return try await metrics.map { metric in
            let row = usage.first { $0["aggregator_id"].nonEmptyText == metric.code }
            return UsageTotal(
                metric: metric, value: row?["total"]?.decimalValue ?? 0, eventCount: row?["count"]?.intValue ?? 0)
        }
    }

    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws
        -> TimeSeries
    {
        let path =
            customerID.map {
                "/v1/customers/\(APIClient.segment($0))/usage/\(APIClient.segment(metric.code))/timeseries"
            }
            ?? "/v1/aggregators/\(APIClient.segment(metric.code))/usage/timeseries"
        let document = try await read(
            path, family: "timeseries", period: period,
            extra: [("group_by", bucket.rawValue)] + Self.filter(metric))
        let points = (document["timeseries"]?.arrayValue ?? []).compactMap { item -> TimeSeries.Point? in
            guard let tick = item["tick"]?.stringValue.flatMap(ISO8601Parser.parse) else { return nil }
            return TimeSeries.Point(start: tick, value: item["count"]?.decimalValue ?? 0)
        }
        let total = document["total"]?.decimalValue ?? points.reduce(0) { $0 + $1.value }
        return TimeSeries(metricCode: metric.code, bucket: bucket, points: points, total: total)
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        let size = min(100, pageSize)
        let path = "/v1/customers/\(APIClient.segment(customerID))/usage/\(APIClient.segment(metric.code))/events"
        let document = try await read(
            path, family: "events", period: period,
            extra: [("take", String(size)), ("skip", String(page * size))] + Self.filter(metric))
        var items: [UsageEvent] = [], unreadable: [String] = []
        let listed = document["data"]?.arrayValue ?? []
        for item in listed {
            switch UsageEvent.reading(
                id: item["id"], code: metric.code, timestamp: item["timestamp"], customerID: customerID,
                properties: item["payload"])
            {
            case .success(let event): items.append(event)
            case .failure(let problem): unreadable.append(problem.reason)
            }
        }
        return Page(
            items: items, index: page, size: size, totalCount: document["meta"]?["total"]?.intValue ?? listed.count,
            unreadable: unreadable)
    }

    private func customerUsage(_ customerID: String, period: Period) async throws(APIError) -> [JSONValue] {
        try await api.get("/v1/customers/\(APIClient.segment(customerID))/usage", query: Self.dates(period))
            .arrayValue ?? []
    }

    /// GET with query parameters, or POST with the same fields as a JSON body once GET was refused.
    func read(_ path: String, family: String, period: Period, extra: [(String, String)]) async throws(APIError)
        -> JSONValue
    {
        let query = Self.dates(period) + extra
        if !methods.usesPost(family) {
            do {
                return try await api.get(path, query: query)
            } catch {
                guard Self.refusesGet(error) else { throw error }
            }
        }
        let body = JSONValue.object(
            query.map { key, value in
                (key, Int(value).map { .number(String($0)) } ?? .string(value))
            })
        let answer = try await api.post(path, body: body)
        methods.rememberPost(family)
        return answer
    }

    /// Every item of a `take`/`skip` list, the pages after the first read concurrently.
    private func listAll(_ path: String, onPage: (@Sendable (OffsetListing.Answer) -> Void)? = nil) async throws
        -> [JSONValue]
    {
        try await OffsetListing(
            api: api, path: path, sizeName: "take", offsetName: "skip", pageSize: take,
            total: { $0["meta"]?["total"]?.intValue },
            more: { page, read in !page.items.isEmpty && read < (page.document["meta"]?["total"]?.intValue ?? read) },
            onPage: onPage
        )
        .all()
    }

    /// Whether a failed GET means "this route takes POST" (405, or a 404 that is not about a missing customer,
    /// aggregator or filter: routers answer "Cannot GET …").
    static func refusesGet(_ error: APIError) -> Bool {
        if error.status == 405 { return true }
        guard error.status == 404 else { return false }
        let message = error.message.lowercased()
        return message.contains("cannot get") || !message.contains("not found")
    }

    /// `aggregator_filter_id` when a filter of the metric is chosen.
    static func filter(_ metric: Metric) -> [(String, String)] {
        metric.filter.map { [("aggregator_filter_id", $0.id)] } ?? []
    }

    static func dates(_ period: Period) -> [(String, String)] {
        [("start_date", UTCTime.iso(period.start)), ("end_date", UTCTime.iso(period.end))]
    }
}

/// Small readers for Hyperline JSON.
enum HyperlineDecoding {
    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["id"].nonEmptyText else { return nil }
        return Customer(id: id, name: item["name"].nonEmptyText ?? id, currency: item["currency"].nonEmptyText)
    }
}
