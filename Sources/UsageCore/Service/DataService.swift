import Foundation

/// The one door between screens or commands and a provider: checks capabilities, composes calls and turns
/// every failure into a one-line `UsageError`.
public actor DataService {
    private let provider: any UsageProvider
    private var cachedMetrics: [Metric]?

    /// Creates a service over `provider`.
    public init(provider: any UsageProvider) {
        self.provider = provider
    }

    /// The provider's name.
    public nonisolated var providerName: String { provider.name }
    /// The provider's capabilities.
    public nonisolated var capabilities: ProviderCapabilities { provider.capabilities }

    /// Where the data comes from.
    public func sourceInfo() async throws(UsageError) -> SourceInfo {
        try await run("reading the source") { try await provider.sourceInfo() }
    }

    /// All metrics (cached for the life of the service; `reload` drops the cache).
    public func metrics(reload: Bool = false) async throws(UsageError) -> [Metric] {
        if !reload, let cachedMetrics { return cachedMetrics }
        let loaded = try await run("loading metrics") { try await provider.metrics() }
        cachedMetrics = loaded
        return loaded
    }

    /// The metric with `code`, or a not-found error naming the known codes.
    public func metric(code: String) async throws(UsageError) -> Metric {
        let all = try await metrics()
        guard let metric = all.first(where: { $0.code == code }) else {
            let known = all.map(\.code).joined(separator: ", ")
            throw UsageError(.notFound, "unknown metric '\(code)' (known: \(known.isEmpty ? "none" : known))")
        }
        return metric
    }

    /// A customer by id, or a not-found error.
    public func customer(id: String) async throws(UsageError) -> Customer {
        let found = try await run("loading customer \(id)") { try await provider.customer(id: id) }
        guard let found else { throw UsageError(.notFound, "no customer with id '\(id)'") }
        return found
    }

    /// The customers table for one metric.
    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws(UsageError)
        -> [CustomerSummary]
    {
        try await run("loading customers") {
            try await provider.summaries(metric: metric, period: period, trailingDays: trailingDays, now: now)
        }
    }

    /// Totals for every metric of one customer.
    public func totals(customerID: String, period: Period) async throws(UsageError) -> [UsageTotal] {
        try await run("loading usage of \(customerID)") { try await provider.totals(customerID: customerID, period: period) }
    }

    /// Totals plus one series per metric (series left out when the provider has none).
    public func customerUsage(customerID: String, period: Period, bucket: Bucket) async throws(UsageError)
        -> CustomerUsage
    {
        let customer = try await customer(id: customerID)
        let totals = try await totals(customerID: customerID, period: period)
        var series: [String: TimeSeries] = [:]
        if capabilities.contains(.timeseries) {
            for total in totals {
                series[total.metric.code] = try await timeseries(
                    metric: total.metric, customerID: customerID, period: period, bucket: bucket)
            }
        }
        return CustomerUsage(customer: customer, totals: totals, series: series)
    }

    /// A metric's series for one customer or, with nil, all customers.
    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws(UsageError)
        -> TimeSeries
    {
        let needed: ProviderCapabilities = customerID == nil ? .clientWideTimeseries : .timeseries
        guard capabilities.contains(needed) else {
            throw UsageError(.unsupported, "timeseries not offered by \(provider.name)")
        }
        return try await run("loading timeseries of \(metric.code)") {
            try await provider.timeseries(metric: metric, customerID: customerID, period: period, bucket: bucket)
        }
    }

    /// One page of raw events.
    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int)
        async throws(UsageError) -> Page<UsageEvent>
    {
        guard capabilities.contains(.events) else {
            throw UsageError(.unsupported, "events not offered by \(provider.name)")
        }
        return try await run("loading events") {
            try await provider.events(
                customerID: customerID, metric: metric, period: period, page: max(0, page), pageSize: max(1, pageSize))
        }
    }

    private func run<T: Sendable>(_ context: String, _ body: () async throws -> T) async throws(UsageError) -> T {
        do {
            return try await body()
        } catch {
            throw UsageError.wrapping(error, context: "\(provider.name): \(context)")
        }
    }
}
