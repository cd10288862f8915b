/// Counters sharing a name and label names, one per list of label values.
public final class CounterFamily: RegisteredFamily {
    public let name: String
    public let help: String
    private let children: LabelledChildren<Counter>

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        children = LabelledChildren(labelNames: labelNames) { Counter() }
        // An unlabelled family has one child, shown as 0 from the start.
        if labelNames.isEmpty { _ = children.child([]) }
    }

    public var labelNames: [String] { children.labelNames }

    /// The counter for these label values, in `labelNames` order; created on first use.
    /// Takes a lock: call it at configuration load and keep the result, not per request.
    public func labels(_ values: String...) -> Counter { children.child(values) }

    public func labels(_ values: [String]) -> Counter { children.child(values) }

    /// Drops the child for these label values from the exposition.
    public func remove(_ values: String...) { children.remove(values) }

    /// Keeps only the children for which `isKept` (label name → value) is true, e.g. the tenants still configured.
    public func retain(where isKept: ([String: String]) -> Bool) { children.retain(where: isKept) }

    public func removeAll() { children.removeAll() }

    var sampleNames: [String] { [name] }

    func write(into output: inout String) {
        Exposition.writeHeader(name: name, help: help, type: .counter, into: &output)
        let names = labelNames
        for (values, counter) in children.sorted() {
            Exposition.writeSample(name: name, labels: Array(zip(names, values)),
                                   value: String(counter.value), into: &output)
        }
    }
}
