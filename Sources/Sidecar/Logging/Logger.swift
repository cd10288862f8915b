import Glibc

/// Writes one line per event to stderr: a short message, then sorted `key=value` fields.
///
/// Under systemd (`$JOURNAL_STREAM` set) each line starts with a `<N>` priority prefix and
/// carries no timestamp, since the journal adds its own. Tokens, cookies and passwords are
/// never handed to the logger; callers pass reasons, not values.
struct Logger: Sendable {
    var level: LogLevel = .info
    var format: LogFormat = .logfmt
    var journal = false

    func enabled(_ level: LogLevel) -> Bool { level <= self.level }

    func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    func notice(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.notice, message, fields) }
    func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message, fields) }
    func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String>) {
        guard enabled(level) else { return }
        let sorted = fields.sorted { $0.key < $1.key }
        var line = journal ? "<\(level.rawValue)>" : ""
        switch format {
        case .logfmt:
            if !journal { line += "ts=\(Self.timestamp()) " }
            line += "level=\(level.name) msg=\(Self.logfmtValue(message))"
            for (key, value) in sorted { line += " \(key)=\(Self.logfmtValue(value))" }
        case .json:
            line += "{"
            if !journal { line += "\"ts\":\(Self.jsonString(Self.timestamp())),"}
            line += "\"level\":\(Self.jsonString(level.name)),\"msg\":\(Self.jsonString(message))"
            for (key, value) in sorted { line += ",\(Self.jsonString(key)):\(Self.jsonString(value))" }
            line += "}"
        }
        line += "\n"
        // One write per line keeps lines from several threads whole.
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { FileDescriptor(rawValue: 2).writeAll(UnsafeRawBufferPointer($0)) }
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x7f }
        guard needsQuotes else { return value }
        return jsonString(value)
    }

    /// A JSON string literal; control characters escaped so a line can never be split.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xf, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// UTC time as RFC 3339 with milliseconds.
    static func timestamp() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var parts = tm()
        var seconds = time.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(time.tv_nsec / 1_000_000), 3))Z"
    }
}
