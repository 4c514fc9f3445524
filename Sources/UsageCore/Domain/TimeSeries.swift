import Foundation

/// A metric's values per bucket over a period.
public struct TimeSeries: Sendable, Hashable {
    /// One bucket's value.
    public struct Point: Sendable, Hashable {
        /// The bucket start.
        public var start: Date
        /// The aggregated value in the bucket.
        public var value: Decimal

        /// Creates a point.
        public init(start: Date, value: Decimal) {
            self.start = start
            self.value = value
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

    /// Creates a series.
    public init(metricCode: String, bucket: Bucket, points: [Point], total: Decimal) {
        self.metricCode = metricCode
        self.bucket = bucket
        self.points = points
        self.total = total
    }

    /// The smallest point value, or zero when empty.
    public var minimum: Decimal { points.map(\.value).min() ?? 0 }
    /// The largest point value, or zero when empty.
    public var maximum: Decimal { points.map(\.value).max() ?? 0 }
}
