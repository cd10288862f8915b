/// Why a metric family could not be registered: always a programming error, found at start.
public enum MetricsRegistrationError: Error, Equatable, CustomStringConvertible {
    /// The name, or one of the `_bucket`/`_sum`/`_count` names it produces, is already taken.
    case duplicateName(String)
    case invalidMetricName(String)
    case invalidLabelName(String)
    /// A label name appears twice, or a histogram uses the reserved `le`.
    case reservedOrRepeatedLabelName(String)
    /// Histogram bounds must be finite and strictly increasing, and at least one.
    case invalidBuckets([Double])
    /// Callbacks compute one number: a gauge or a counter, never a histogram.
    case histogramCallback(String)

    public var description: String {
        switch self {
        case .duplicateName(let name):
            "metric \"\(name)\" is already registered."
        case .invalidMetricName(let name):
            "metric name \"\(name)\" must match [a-zA-Z_:][a-zA-Z0-9_:]*."
        case .invalidLabelName(let name):
            "label name \"\(name)\" must match [a-zA-Z_][a-zA-Z0-9_]* and not start with \"__\"."
        case .reservedOrRepeatedLabelName(let name):
            "label name \"\(name)\" is repeated or reserved."
        case .invalidBuckets(let bounds):
            "histogram buckets \"\(bounds)\" must be finite, strictly increasing and not empty."
        case .histogramCallback(let name):
            "callback metric \"\(name)\" must be a gauge or a counter."
        }
    }
}
