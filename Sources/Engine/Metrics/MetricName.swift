/// The grammar of metric and label names (Prometheus data model).
enum MetricName {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isValidMetricName(_ name: String) -> Bool {
        isValid(name, allowingColon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, without the `__` prefix Prometheus reserves.
    static func isValidLabelName(_ name: String) -> Bool {
        isValid(name, allowingColon: false) && !name.hasPrefix("__")
    }

    private static func isValid(_ name: String, allowingColon: Bool) -> Bool {
        guard !name.isEmpty else { return false }
        for (offset, byte) in name.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: ":") where allowingColon:
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where offset > 0:
                continue
            default:
                return false
            }
        }
        return true
    }
}
