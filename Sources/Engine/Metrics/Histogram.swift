import Synchronization

/// Observations counted into fixed buckets, lock-free from any thread.
///
/// Each observation increments exactly one bucket (the first upper bound it does not
/// exceed, else `+Inf`); the exposition adds them up into Prometheus's cumulative
/// `le` buckets, and `_count` is the total of the buckets, so the two always agree.
public final class Histogram: Sendable {
    /// Finite upper bounds in increasing order; `+Inf` is implied.
    public let upperBounds: [Double]
    /// One per upper bound, then the `+Inf` bucket.
    private let buckets: [Counter]
    /// The sum of all observations, as a `Double` bit pattern.
    private let sumBits = Atomic<UInt64>(0)

    /// A snapshot for the exposition: cumulative counts per bound, then `+Inf`.
    struct Snapshot {
        var cumulativeCounts: [UInt64]
        var sum: Double
        var count: UInt64 { cumulativeCounts.last ?? 0 }
    }

    /// `upperBounds` must be checked by `HistogramFamily` (finite, strictly increasing).
    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        buckets = (0...upperBounds.count).map { _ in Counter() }
    }

    /// Records `value` (seconds for durations). NaN is ignored: it would poison the sum.
    public func observe(_ value: Double) {
        guard !value.isNaN else { return }
        var index = 0
        // Linear: a dozen bounds, and the small ones are the common case.
        while index < upperBounds.count, value > upperBounds[index] {
            index += 1
        }
        buckets[index].increment()
        sumBits.addDouble(value)
    }

    /// Records a duration in seconds.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    var snapshot: Snapshot {
        var running: UInt64 = 0
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(buckets.count)
        for bucket in buckets {
            running &+= bucket.value
            cumulative.append(running)
        }
        return Snapshot(cumulativeCounts: cumulative, sum: sumBits.loadDouble())
    }
}
