/// Gauges sharing a name and label names, one per list of label values.
public final class GaugeFamily: RegisteredFamily {
    public let name: String
    public let help: String
    private let children: LabelledChildren<Gauge>

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        children = LabelledChildren(labelNames: labelNames) { Gauge() }
        if labelNames.isEmpty { _ = children.child([]) }
    }

    public var labelNames: [String] { children.labelNames }

    /// The gauge for these label values, in `labelNames` order; created on first use (takes a lock).
    public func labels(_ values: String...) -> Gauge { children.child(values) }

    public func labels(_ values: [String]) -> Gauge { children.child(values) }

    public func remove(_ values: String...) { children.remove(values) }

    /// Keeps only the children for which `isKept` (label name → value) is true.
    public func retain(where isKept: ([String: String]) -> Bool) { children.retain(where: isKept) }

    public func removeAll() { children.removeAll() }

    var sampleNames: [String] { [name] }

    func write(into output: inout String) {
        Exposition.writeHeader(name: name, help: help, type: .gauge, into: &output)
        let names = labelNames
        for (values, gauge) in children.sorted() {
            Exposition.writeSample(name: name, labels: Array(zip(names, values)),
                                   value: Exposition.format(gauge.value), into: &output)
        }
    }
}
