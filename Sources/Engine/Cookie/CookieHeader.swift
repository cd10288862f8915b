import Protocol

/// Reads cookies from `Cookie` header values (RFC 6265 §5.4): `name=value; name2=value2`.
public enum CookieHeader {
    /// Calls `body` with the value of every cookie named `name` in the request's `Cookie`
    /// headers, in order, over the header bytes themselves (no copies, no `String`s) until
    /// `body` returns true. Returns how many such cookies were seen.
    @discardableResult
    public static func scan(_ headers: Headers, named name: [UInt8],
                            _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
        var seen = 0
        var done = false
        headers.forEachValue(.cookie) { buffer, range in
            guard !done else { return }
            var position = range.lowerBound
            while position < range.upperBound && !done {
                // One pair: skip leading spaces, find ';' (end) and the first '='.
                while position < range.upperBound && (buffer[position] == 0x20 || buffer[position] == 0x09) {
                    position += 1
                }
                let start = position
                while position < range.upperBound && buffer[position] != UInt8(ascii: "=")
                        && buffer[position] != UInt8(ascii: ";") {
                    position += 1
                }
                guard position < range.upperBound, buffer[position] == UInt8(ascii: "=") else {
                    position += 1
                    continue
                }
                let equals = position
                // The value runs to the next ';': one tight loop over most of the header.
                position = ByteScan.firstIndex(of: UInt8(ascii: ";"), in: buffer, from: position, to: range.upperBound)
                    ?? range.upperBound
                let end = position
                position += 1
                var keyEnd = equals
                while keyEnd > start && (buffer[keyEnd - 1] == 0x20 || buffer[keyEnd - 1] == 0x09) { keyEnd -= 1 }
                guard keyEnd - start == name.count,
                      name.withUnsafeBufferPointer({ memoryEqual(buffer, start, $0) }) else { continue }
                var valueStart = equals + 1
                var valueEnd = end
                while valueStart < valueEnd && (buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09) {
                    valueStart += 1
                }
                while valueEnd > valueStart && (buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09) {
                    valueEnd -= 1
                }
                if valueEnd - valueStart >= 2 && buffer[valueStart] == UInt8(ascii: "\"")
                    && buffer[valueEnd - 1] == UInt8(ascii: "\"") {
                    valueStart += 1
                    valueEnd -= 1
                }
                seen += 1
                done = body(UnsafeBufferPointer(rebasing: buffer[valueStart..<valueEnd]))
            }
        }
        return seen
    }

    private static func memoryEqual(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int,
                                    _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<name.count where buffer[start + index] != name[index] { return false }
        return true
    }
}
