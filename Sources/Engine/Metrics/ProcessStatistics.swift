/// Parsers for the `/proc/self` files behind the `process_*` metrics (proc(5)).
///
/// Pure functions of the bytes, so they are tested here; the Sidecar reads the files.
public enum ProcessStatistics {
    /// Resident pages: the second field of `/proc/self/statm` (`size resident shared text lib data dt`).
    public static func residentPages(statm: [UInt8]) -> UInt64? {
        let fields = statm.split(whereSeparator: isSpace)
        guard fields.count >= 2 else { return nil }
        return number(fields[1])
    }

    /// `utime + stime` in clock ticks: fields 14 and 15 of `/proc/self/stat`.
    ///
    /// Fields are counted after the last `)`, because field 2, the command name in
    /// parentheses, may itself contain spaces and parentheses.
    public static func cpuTicks(stat: [UInt8]) -> UInt64? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After ")": field 3 (state) has index 0, so utime (14) is 11 and stime (15) is 12.
        let fields = stat[stat.index(after: close)...].split(whereSeparator: isSpace)
        guard fields.count > 12, let user = number(fields[11]), let system = number(fields[12]) else { return nil }
        return user &+ system
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
    }

    private static func number(_ digits: some Collection<UInt8>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
