/// Pieces of the Prometheus text exposition format 0.0.4.
///
/// <https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format>
enum Exposition {
    /// The `Content-Type` of `/metrics`.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `# HELP` and `# TYPE` lines.
    static func writeHeader(name: String, help: String, type: MetricType, into output: inout String) {
        output += "# HELP \(name) \(escapedHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    /// One sample line: `name{a="x",b="y"} value`.
    static func writeSample(name: String, labels: [(name: String, value: String)], value: String,
                            into output: inout String) {
        output += name
        if !labels.isEmpty {
            output += "{"
            for (index, label) in labels.enumerated() {
                if index > 0 { output += "," }
                output += label.name
                output += "=\""
                output += escapedLabelValue(label.value)
                output += "\""
            }
            output += "}"
        }
        output += " "
        output += value
        output += "\n"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapedLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Help text escapes backslash and line feed (not the double quote).
    static func escapedHelp(_ help: String) -> String {
        var escaped = ""
        for character in help.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Whole numbers without a fraction (`1`, not `1.0`), others in Swift's shortest
    /// round-trip form (`0.005`, `5e-05`), and `+Inf`, `-Inf`, `NaN` as Prometheus spells them.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
