import Synchronization

/// The metric families one process exposes on `/metrics`, in registration order.
///
/// Not a singleton: the Sidecar makes one and passes it to whoever records.
public final class MetricsRegistry: Sendable {
    private struct State {
        var families: [any RegisteredFamily] = []
        /// Family names and the sample names they produce.
        var takenNames: Set<String> = []
    }

    private let state = Mutex(State())

    /// The `Content-Type` of the rendering: text format 0.0.4.
    public static let contentType = Exposition.contentType

    public init() {}

    /// Registers a counter family. `labels` are the label names, in the order `labels(…)` takes the values.
    public func counter(_ name: String, help: String, labels: [String] = []) throws(MetricsRegistrationError)
        -> CounterFamily {
        try check(name: name, labelNames: labels)
        return try register(CounterFamily(name: name, help: help, labelNames: labels))
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) throws(MetricsRegistrationError)
        -> GaugeFamily {
        try check(name: name, labelNames: labels)
        return try register(GaugeFamily(name: name, help: help, labelNames: labels))
    }

    /// Registers a histogram family; `buckets` are finite, strictly increasing upper bounds (`+Inf` is added).
    public func histogram(_ name: String, help: String, labels: [String] = [], buckets: [Double])
        throws(MetricsRegistrationError) -> HistogramFamily {
        try check(name: name, labelNames: labels)
        guard labels.contains("le") == false else { throw .reservedOrRepeatedLabelName("le") }
        guard !buckets.isEmpty, buckets.allSatisfy(\.isFinite),
              zip(buckets, buckets.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .invalidBuckets(buckets) }
        return try register(HistogramFamily(name: name, help: help, labelNames: labels, upperBounds: buckets))
    }

    /// Registers a gauge or counter computed by `value` at every rendering.
    @discardableResult
    public func callback(_ name: String, help: String, type: MetricType,
                         value: @escaping @Sendable () -> Double?) throws(MetricsRegistrationError) -> CallbackMetric {
        try check(name: name, labelNames: [])
        guard type != .histogram else { throw .histogramCallback(name) }
        return try register(CallbackMetric(name: name, help: help, type: type, value: value))
    }

    /// The text exposition of every family, in registration order, children sorted by label values.
    public func render() -> String {
        let families = state.withLock { $0.families }
        var output = ""
        for family in families {
            family.write(into: &output)
        }
        return output
    }

    private func check(name: String, labelNames: [String]) throws(MetricsRegistrationError) {
        guard MetricName.isValidMetricName(name) else { throw .invalidMetricName(name) }
        var seen: Set<String> = []
        for label in labelNames {
            guard MetricName.isValidLabelName(label) else { throw .invalidLabelName(label) }
            guard seen.insert(label).inserted else { throw .reservedOrRepeatedLabelName(label) }
        }
    }

    private func register<Family: RegisteredFamily>(_ family: Family) throws(MetricsRegistrationError) -> Family {
        let names = Set([family.name] + family.sampleNames)
        let clash: String? = state.withLock { state in
            if let taken = names.sorted().first(where: state.takenNames.contains) { return taken }
            state.families.append(family)
            state.takenNames.formUnion(names)
            return nil
        }
        if let clash { throw .duplicateName(clash) }
        return family
    }
}
