/// Histograms sharing a name, label names and buckets, one per list of label values.
public final class HistogramFamily: RegisteredFamily {
    public let name: String
    public let help: String
    /// Finite upper bounds, strictly increasing; `+Inf` is implied.
    public let upperBounds: [Double]
    private let children: LabelledChildren<Histogram>

    init(name: String, help: String, labelNames: [String], upperBounds: [Double]) {
        self.name = name
        self.help = help
        self.upperBounds = upperBounds
        children = LabelledChildren(labelNames: labelNames) { Histogram(upperBounds: upperBounds) }
        if labelNames.isEmpty { _ = children.child([]) }
    }

    public var labelNames: [String] { children.labelNames }

    /// The histogram for these label values, in `labelNames` order; created on first use (takes a lock).
    public func labels(_ values: String...) -> Histogram { children.child(values) }

    public func labels(_ values: [String]) -> Histogram { children.child(values) }

    public func remove(_ values: String...) { children.remove(values) }

    /// Keeps only the children for which `isKept` (label name → value) is true.
    public func retain(where isKept: ([String: String]) -> Bool) { children.retain(where: isKept) }

    public func removeAll() { children.removeAll() }

    var sampleNames: [String] { [name + "_bucket", name + "_sum", name + "_count"] }

    func write(into output: inout String) {
        Exposition.writeHeader(name: name, help: help, type: .histogram, into: &output)
        let names = labelNames
        let bounds = upperBounds.map(Exposition.format) + ["+Inf"]
        for (values, histogram) in children.sorted() {
            let labels = Array(zip(names, values))
            let snapshot = histogram.snapshot
            for (bound, count) in zip(bounds, snapshot.cumulativeCounts) {
                Exposition.writeSample(name: name + "_bucket", labels: labels + [("le", bound)],
                                       value: String(count), into: &output)
            }
            Exposition.writeSample(name: name + "_sum", labels: labels,
                                   value: Exposition.format(snapshot.sum), into: &output)
            Exposition.writeSample(name: name + "_count", labels: labels,
                                   value: String(snapshot.count), into: &output)
        }
    }
}
