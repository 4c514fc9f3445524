import Foundation

/// A provider that charts a metric over time (the stores, Lago, Hyperline; Prolifi keeps only day totals). The data
/// service finds the feature by this conformance; whether it also answers for all customers at once is the
/// `clientWideTimeseries` capability.
public protocol SeriesListing: UsageProvider {
    /// A metric's values per bucket, for one customer or (nil) all customers.
    func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries
}
