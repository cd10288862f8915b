/// An unlabelled gauge or counter whose value is computed at scrape time
/// (process memory, open descriptors, open connections).
///
/// The callback runs on the thread that renders, outside the registry's lock.
/// `nil` (e.g. `/proc` unreadable) leaves the sample out; `# HELP` and `# TYPE` stay.
public final class CallbackMetric: RegisteredFamily {
    public let name: String
    public let help: String
    public let type: MetricType
    private let value: @Sendable () -> Double?

    init(name: String, help: String, type: MetricType, value: @escaping @Sendable () -> Double?) {
        self.name = name
        self.help = help
        self.type = type
        self.value = value
    }

    var sampleNames: [String] { [name] }

    func write(into output: inout String) {
        Exposition.writeHeader(name: name, help: help, type: type, into: &output)
        if let value = value() {
            Exposition.writeSample(name: name, labels: [], value: Exposition.format(value), into: &output)
        }
    }
}
