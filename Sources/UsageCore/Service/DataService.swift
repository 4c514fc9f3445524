import Foundation

/// The one door between screens or commands and a provider: checks capabilities, reuses recent answers
/// (per-kind time-to-live), shares one fetch between identical calls in flight, composes calls and turns every
/// failure into a one-line `UsageError`.
public actor DataService {
    let provider: any UsageProvider
    /// Prices for a source that has none (`[[plans]]` in `config.toml`); empty for the rest.
    let plans: PlanBook
    private let policy: CachePolicy
    private let now: @Sendable () -> Date
    private var cache: ResponseCache
    /// The provider's change token when the stored answers were last validated.
    private var lastToken: String?
    /// Callers waiting on each shared fetch, and how many of them were cancelled.
    private var waiting: [String: (callers: Int, cancelled: Int)] = [:]

    /// Creates a service over `provider`, pricing with `plans` what the provider leaves unpriced; `now` is
    /// injectable so tests control cache ages.
    public init(
        provider: any UsageProvider, plans: PlanBook = PlanBook(), cache policy: CachePolicy = .none,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        self.plans = plans
        self.policy = policy
        self.now = now
        cache = ResponseCache(maxEntries: policy.maxEntries)
    }

    /// Forgets every stored answer, so the next calls reach the provider (the `r` key).
    public func invalidate() {
        cache.removeAll()
        lastToken = nil
    }

    /// Forgets stored answers unless the provider's change token says nothing changed since they were stored
    /// (an idle refresh of the embedded store then costs one query). For providers without a token, answers are
    /// forgotten when `forgettingUntokened` (a refresh) and kept to their time-to-live otherwise (navigation).
    public func revalidate(forgettingUntokened: Bool) async {
        let token = try? await provider.changeToken()
        guard let token else {
            if forgettingUntokened { cache.removeAll() }
            return
        }
        if token == lastToken { return }
        cache.removeAll()
        lastToken = token
    }

    /// What the plans charge that this source cannot show: metrics it has none of (a code mistyped in
    /// `config.toml`), one line each; empty without plans or when the metric list cannot be read.
    public func planProblems() async -> [String] {
        guard !plans.isEmpty, let metrics = try? await metrics() else { return [] }
        let codes = Set(metrics.map(\.code))
        var seen: Set<String> = [], problems: [String] = []
        let all = [plans.standard].compactMap { $0 } + plans.byCustomer.values.sorted { $0.code < $1.code }
        for plan in all where seen.insert(plan.code).inserted {
            for charge in plan.charges where !codes.contains(charge.metricCode) {
                problems.append(
                    "plan \(plan.code) charges \(charge.metricCode), which \(provider.name) has no metric of")
            }
        }
        return problems
    }

    /// How many answers are stored (for tests and soak checks).
    public var cachedCount: Int { cache.count }

    /// How many shared fetches are in flight or still have callers (zero when nothing is outstanding).
    public var pendingCount: Int { cache.inFlight.count + waiting.count }

    /// The provider's name.
    public nonisolated var providerName: String { provider.name }
    /// The provider's capabilities.
    public nonisolated var capabilities: ProviderCapabilities { provider.capabilities }

    /// Where the data comes from.
    public func sourceInfo() async throws(UsageError) -> SourceInfo {
        try await run("reading the source") { try await provider.sourceInfo() }
    }

    /// All metrics (cached for the policy's metric lifetime, and at least for this call's commands).
    public func metrics() async throws(UsageError) -> [Metric] {
        try await shared("metrics", ttl: max(policy.metrics, .seconds(1)), "loading metrics") { [provider] in
            try await provider.metrics()
        }
    }

    /// The metric with `code`, or a not-found error naming the known codes.
    public func metric(code: String) async throws(UsageError) -> Metric {
        let all = try await metrics()
        if let listed = all.first(where: { $0.code == code }) { return listed }
        let unlisted = try await run("looking up metric \(code)") { try await provider.metric(code: code) }
        guard let metric = unlisted else {
            let known = all.map(\.code).joined(separator: ", ")
            throw UsageError(.notFound, "unknown metric '\(code)' (known: \(known.isEmpty ? "none" : known))")
        }
        return metric
    }

    /// A customer by id, or a not-found error.
    public func customer(id: String) async throws(UsageError) -> Customer {
        let found: Customer? = try await shared("customer|\(id)", ttl: policy.customers, "loading customer \(id)") {
            [provider] in
            try await provider.customer(id: id)
        }
        guard let found else { throw UsageError(.notFound, "no customer with id '\(id)'") }
        return found
    }

    /// The customer whose id is `text`, else the one whose name matches it (case-insensitive: the whole name, else
    /// every word of `text` found in the name); several matches are an error naming them, so the caller can pick.
    public func findCustomer(_ text: String) async throws(UsageError) -> Customer {
        let matches = try await customers(matching: text)
        guard let first = matches.first else { throw UsageError(.notFound, "no customer with id or name '\(text)'") }
        guard matches.count == 1 else {
            let listed = matches.prefix(10).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
            throw UsageError(
                .notFound,
                "'\(text)' matches \(matches.count) customers: \(listed)" + (matches.count > 10 ? ", …" : "")
                    + "; give the id")
        }
        return first
    }

    /// The customers `text` names: the one whose id it is, else those whose name matches it (`CustomerMatch`).
    public func customers(matching text: String) async throws(UsageError) -> [Customer] {
        do {
            return [try await customer(id: text)]
        } catch  where error.kind == .notFound {
            let all: [Customer] = try await shared("customers", ttl: policy.customers, "listing customers") {
                [provider] in
                try await provider.customers()
            }
            return CustomerMatch.matches(text, in: all)
        }
    }

    /// The customers table for one metric; `progress` receives rows as they arrive when this call is the one that
    /// fetches (a call joining a fetch already in flight just waits for the whole answer). Unless `priced` is false
    /// (a side column shows totals only), rows are priced with the plans.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date,
        progress: SummaryProgressHandler? = nil, priced: Bool = true
    ) async throws(UsageError) -> [CustomerSummary] {
        let key =
            "summaries|\(metric.code)|\(Self.key(period))|\(trailingDays)|\(UTCTime.day(now))\(priced ? "" : "|units")"
        return try await shared(key, ttl: policy.customers, "loading customers") { [provider, plans] in
            let rows = try await provider.summaries(
                metric: metric, period: period, trailingDays: trailingDays, now: now,
                progress: progress)
            guard priced, !plans.isEmpty else { return rows }
            return try await PlanPricer.priced(
                rows, metric: metric, period: period, book: plans, now: now, provider: provider)
        }
    }

    /// Totals for every metric of one customer.
    public func totals(customerID: String, period: Period) async throws(UsageError) -> [UsageTotal] {
        try await report(customerID: customerID, period: period).totals
    }

    /// Totals for every metric of one customer, with the bills behind them where the provider prices usage.
    public func report(customerID: String, period: Period) async throws(UsageError) -> UsageReport {
        try await shared(
            "report|\(customerID)|\(Self.key(period))", ttl: policy.usage, "loading usage of \(customerID)"
        ) { [provider, plans] in
            let report = try await provider.report(customerID: customerID, period: period)
            guard let plan = plans.plan(for: customerID) else { return report }
            return try await PlanPricer.priced(
                report, plan: plan, customerID: customerID, period: period, provider: provider)
        }
    }

    /// Totals plus one series per metric (series left out when the provider has none; taken from the report when
    /// the provider's answer holds them, so a load lists what it needs once).
    public func customerUsage(customerID: String, period: Period, bucket: Bucket) async throws(UsageError)
        -> CustomerUsage
    {
        let customer = try await customer(id: customerID)
        let report = try await report(customerID: customerID, period: period)
        let totals = report.totals
        var series: [String: TimeSeries] = [:]
        if let included = report.series {
            series = included
        } else if provider is any SeriesListing {
            var metrics: [Metric] = []
            for total in totals where !metrics.contains(total.metric) { metrics.append(total.metric) }
            series = try await allSeries(metrics, customerID: customerID, period: period, bucket: bucket)
        }
        return CustomerUsage(customer: customer, totals: totals, series: series, bills: report.bills)
    }

    /// One series per metric for one customer, asked concurrently (the provider's throttle bounds the calls).
    private func allSeries(_ metrics: [Metric], customerID: String, period: Period, bucket: Bucket)
        async throws(UsageError) -> [String: TimeSeries]
    {
        do {
            return try await withThrowingTaskGroup(of: (String, TimeSeries).self) { group in
                for metric in metrics {
                    group.addTask {
                        (
                            metric.code,
                            try await self.timeseries(
                                metric: metric, customerID: customerID, period: period, bucket: bucket)
                        )
                    }
                }
                var series: [String: TimeSeries] = [:]
                for try await (code, one) in group { series[code] = one }
                return series
            }
        } catch {
            throw UsageError.wrapping(error, context: "\(provider.name): loading timeseries")
        }
    }

    /// A metric's series for one customer or, with nil, all customers.
    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws(UsageError)
        -> TimeSeries
    {
        guard let charting = provider as? any SeriesListing,
            customerID != nil || capabilities.contains(.clientWideTimeseries)
        else {
            throw UsageError(.unsupported, "timeseries not offered by \(provider.name)")
        }
        try checkFilter(metric)
        let key = "series|\(Self.key(metric))|\(customerID ?? "*")|\(Self.key(period))|\(bucket.rawValue)"
        return try await shared(key, ttl: policy.timeseries, "loading timeseries of \(metric.code)") {
            [provider, plans] in
            let series = try await charting.timeseries(
                metric: metric, customerID: customerID, period: period, bucket: bucket)
            guard let customerID, let plan = plans.plan(for: customerID) else { return series }
            return try await PlanPricer.priced(
                series, metric: metric, plan: plan, customerID: customerID, period: period, provider: provider)
        }
    }

    /// Every customer's use of `metrics` over the last 60 minutes and the last 24 hours (rolling, to the minute, so
    /// nothing drops out at the top of an hour or at midnight), with `baselineDays` of daily history before today
    /// (for alert rules).
    public func activity(metrics: [Metric], baselineDays: Int, now: Date) async throws(UsageError) -> [MetricActivity] {
        let end = Period.rollingEnd(now)
        let hour = Period(start: end.addingTimeInterval(-3_600), end: end)
        let day = Period(start: end.addingTimeInterval(-86_400), end: end)
        let key = "activity|\(metrics.map(\.code).joined(separator: ","))|\(Self.key(hour))|\(baselineDays)"
        if let hit: [MetricActivity] = cache.fresh(key, ttl: policy.customers, now: self.now()) { return hit }
        var result: [MetricActivity] = []
        for metric in metrics {
            let hourly = try await summaries(metric: metric, period: hour, trailingDays: baselineDays + 1, now: now)
            let daily: [CustomerSummary]? = try await summaries(metric: metric, period: day, trailingDays: 0, now: now)
            // Alerts compare this hour and today: numbers of another period (a billing period, a whole day for an
            // hour) would raise or hide alerts falsely, so the monitor says it cannot watch this provider instead.
            if hourly.contains(where: { !$0.periods.isEmpty })
                || daily?.contains(where: { !$0.periods.isEmpty }) == true
            {
                throw UsageError(
                    .unsupported,
                    "hourly usage not offered by \(provider.name): it answers whole "
                        + "\(capabilities.contains(.periodTotals) ? "days" : "billing periods") only")
            }
            result.append(MetricActivity.from(hour: hourly, day: daily, metric: metric, baselineDays: baselineDays))
        }
        if policy.customers > .zero { cache.store(key, result, at: self.now()) }
        return result
    }

    /// A metric's usage by the values of one event property (a provider that cannot says so), priced with the plans
    /// unless `priced` is false.
    public func breakdown(
        customerID: String, metric: Metric, period: Period, by key: String, priced: Bool = true
    ) async throws(UsageError) -> [BreakdownRow] {
        let splitter = try splitting()
        let cacheKey = "breakdown|\(customerID)|\(Self.key(metric))|\(Self.key(period))|\(key)\(priced ? "" : "|units")"
        return try await shared(cacheKey, ttl: policy.events, "breaking \(metric.code) down by \(key)") {
            [provider, plans] in
            let rows = try await splitter.breakdown(customerID: customerID, metric: metric, period: period, by: key)
            guard priced, let plan = plans.plan(for: customerID) else { return rows }
            return try await PlanPricer.priced(
                rows, metric: metric, plan: plan, customerID: customerID, period: period, by: key, provider: provider)
        }
    }

    /// The keys the provider splits `metric` by itself, nil when any event property will do.
    public func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws(UsageError) -> [String]?
    {
        let splitter = try splitting()
        let cacheKey = "breakdown-keys|\(customerID)|\(Self.key(metric))|\(Self.key(period))"
        return try await shared(cacheKey, ttl: policy.events, "listing how \(metric.code) splits") {
            try await splitter.breakdownKeys(customerID: customerID, metric: metric, period: period)
        }
    }

    /// The provider as one that splits usage by property, or why it cannot.
    private func splitting() throws(UsageError) -> any PropertyBreakdowns {
        guard let splitter = provider as? any PropertyBreakdowns else {
            throw UsageError(.unsupported, "breakdowns by event property not offered by \(provider.name)")
        }
        return splitter
    }

    /// One page of raw events, in the order asked and narrowed by property where the provider can (it says which
    /// order it used; a property filter it cannot apply is an error, never a silently unfiltered list).
    public func events(
        customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int,
        query: EventQuery = EventQuery()
    ) async throws(UsageError) -> Page<UsageEvent> {
        guard let listing = provider as? any EventListing else {
            throw UsageError(.unsupported, "events not offered by \(provider.name)")
        }
        try checkFilter(metric)
        let order = query.newestFirst ? "new" : "old", matches = query.matches.map(\.text).joined(separator: "&")
        let key =
            "events|\(customerID)|\(Self.key(metric))|\(Self.key(period))|\(page)|\(pageSize)|\(order)|\(matches)"
            + "|\(query.text ?? "")"
        return try await shared(key, ttl: policy.events, "loading events") {
            try await listing.events(
                customerID: customerID, metric: metric, period: period, page: max(0, page), pageSize: max(1, pageSize),
                query: query)
        }
    }

    /// A fresh stored answer, else the answer of an identical call already in flight, else a new fetch.
    /// A fetch cancelled because its other callers left is not this caller's failure: while this caller still waits,
    /// it is started again once (typing fast, `t` then `r`, supersedes one request with an identical one).
    private func shared<T: Sendable>(
        _ key: String, ttl: Duration, _ context: String, retrying: Bool = true,
        _ fetch: @escaping @Sendable () async throws -> T
    ) async throws(UsageError) -> T {
        if let hit: T = cache.fresh(key, ttl: ttl, now: now()) { return hit }
        let task: Task<any Sendable, any Error>
        if let running = cache.inFlight[key] {
            task = running
        } else {
            task = Task { try await fetch() }
            cache.begin(key, task)
        }
        waiting[key, default: (0, 0)].callers += 1
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            Task { await self.callerCancelled(key) }
        }
        if let entry = waiting[key], entry.callers > 1 {
            waiting[key]?.callers -= 1
        } else {
            waiting.removeValue(forKey: key)
            cache.end(key)
        }
        switch result {
        case .success(let value):
            if ttl > .zero { cache.store(key, value, at: now()) }
            guard let typed = value as? T else {
                throw UsageError(.storage, "\(provider.name): \(context): wrong answer type")
            }
            return typed
        case .failure(let error):
            let givenUp = UsageError.wrapping(error, context: context).kind == .cancelled
            if givenUp, retrying, !Task.isCancelled {
                if cache.inFlight[key] == task { cache.end(key) }
                return try await shared(key, ttl: ttl, context, retrying: false, fetch)
            }
            throw UsageError.wrapping(error, context: "\(provider.name): \(context)")
        }
    }

    /// A caller left (its view was closed): when every caller of a shared fetch has left, the fetch is cancelled.
    private func callerCancelled(_ key: String) {
        guard var entry = waiting[key] else { return }
        entry.cancelled += 1
        waiting[key] = entry
        if entry.cancelled >= entry.callers { cache.inFlight[key]?.cancel() }
    }

    /// A filtered metric only where the provider filters (never an unfiltered answer under a filter's name).
    private func checkFilter(_ metric: Metric) throws(UsageError) {
        if let filter = metric.filter, !capabilities.contains(.filters) {
            throw UsageError(
                .unsupported, "filter '\(filter.name)' not offered by \(provider.name): it has no metric filters")
        }
    }

    private static func key(_ metric: Metric) -> String {
        metric.code + (metric.filter.map { "#" + $0.id } ?? "")
    }

    private static func key(_ period: Period) -> String {
        "\(UTCTime.milliseconds(period.start))-\(UTCTime.milliseconds(period.end))"
    }

    func run<T: Sendable>(_ context: String, _ body: () async throws -> T) async throws(UsageError) -> T {
        do {
            return try await body()
        } catch {
            throw UsageError.wrapping(error, context: "\(provider.name): \(context)")
        }
    }
}
