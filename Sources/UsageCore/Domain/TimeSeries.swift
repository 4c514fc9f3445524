import Foundation

/// A metric's values per bucket over a period.
public struct TimeSeries: Sendable, Hashable {
    /// One bucket's value.
    public struct Point: Sendable, Hashable {
        /// The bucket start.
        public var start: Date
        /// The aggregated value in the bucket.
        public var value: Decimal
        /// The bucket's exclusive end, when buckets are the provider's own periods (billing periods).
        public var end: Date?
        /// What the bucket cost under a `config.toml` plan (the month's charge to date at its end less at its
        /// start), when the source has no prices of its own and the plan prices the metric.
        public var amount: Money?

        /// Creates a point.
        public init(start: Date, value: Decimal, end: Date? = nil) {
            self.start = start
            self.value = value
            self.end = end
        }
    }

    /// The metric code.
    public var metricCode: String
    /// The bucket size.
    public var bucket: Bucket
    /// Points in time order, one per bucket (empty buckets are zero).
    public var points: [Point]
    /// The aggregate over the whole period (for unique counts, not the sum of points).
    public var total: Decimal
    /// Whether each point is one of the provider's billing periods (Lago) rather than a `bucket` of the clock.
    public var isPerBillingPeriod: Bool

    /// Creates a series.
    public init(metricCode: String, bucket: Bucket, points: [Point], total: Decimal, isPerBillingPeriod: Bool = false) {
        self.metricCode = metricCode
        self.bucket = bucket
        self.points = points
        self.total = total
        self.isPerBillingPeriod = isPerBillingPeriod
    }

    /// What one point stands for, as titles say it (`day`, `billing period`).
    public var bucketLabel: String { isPerBillingPeriod ? "billing period" : bucket.rawValue }

    /// The smallest point value, or zero when empty.
    public var minimum: Decimal { points.map(\.value).min() ?? 0 }
    /// The largest point value, or zero when empty.
    public var maximum: Decimal { points.map(\.value).max() ?? 0 }

    /// The value of the bucket as far into `previous` as bucket `index` is into this series (nil when `previous` is
    /// shorter or bucketed otherwise): what a compared chart's readout and a compared series set beside a bucket.
    public func counterpart(of index: Int, in previous: TimeSeries) -> Decimal? {
        guard previous.bucket == bucket, previous.isPerBillingPeriod == isPerBillingPeriod,
            previous.points.indices.contains(index)
        else { return nil }
        return previous.points[index].value
    }
}
