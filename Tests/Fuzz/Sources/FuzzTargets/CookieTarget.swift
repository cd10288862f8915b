import Engine
import Protocol

/// (5) CookieHeader.scan over a request whose Cookie header is the data (skipped when the
/// request does not decode), compared with a plain reference reading of RFC 6265 pairs.
enum CookieTarget {
    static let name = Array("uitsmijter-sso".utf8)
    static let prefix = Array("GET / HTTP/1.1\r\nHost: shop.example.net\r\nCookie: ".utf8)
    static let suffix = Array("\r\n\r\n".utf8)

    static func run(_ data: [UInt8]) {
        var decoder = RequestDecoder()
        decoder.append(prefix + data + suffix)
        guard let request = try? decoder.next() else { return }
        // The cookie name comes from the data's first byte too, so short names get exercised.
        let names = [name, data.isEmpty ? [] : [data[0]], Array("a".utf8)]
        for name in names {
            var found: [[UInt8]] = []
            let seen = CookieHeader.scan(request.headers, named: name) { value in
                found.append(Array(value))
                return false
            }
            var expected: [[UInt8]] = []
            request.headers.forEachValue(.cookie) { buffer, range in
                expected += reference(Array(buffer[range]), name: name)
            }
            guard seen == found.count, found == expected else {
                violated("scan(\(String(decoding: name, as: UTF8.self).debugDescription)) found "
                         + "\(found.map { String(decoding: $0, as: UTF8.self) }) expected "
                         + "\(expected.map { String(decoding: $0, as: UTF8.self) })")
            }
            // Stopping early: the first value only.
            var firstOnly: [[UInt8]] = []
            let seenFirst = CookieHeader.scan(request.headers, named: name) { firstOnly.append(Array($0)); return true }
            guard seenFirst == min(1, expected.count), firstOnly == Array(expected.prefix(1)) else {
                violated("scan stopping at the first value found \(firstOnly.count) values")
            }
        }
    }

    /// `;`-separated pairs; name and value trimmed of SP/HTAB; one pair of surrounding quotes removed.
    static func reference(_ value: [UInt8], name: [UInt8]) -> [[UInt8]] {
        func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var slice = bytes
            while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
            while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
            return slice
        }
        var values: [[UInt8]] = []
        for pair in value.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            guard Array(trimmed(pair[..<equals])) == name else { continue }
            var cookie = trimmed(pair[(equals + 1)...])
            if cookie.count >= 2, cookie.first == UInt8(ascii: "\""), cookie.last == UInt8(ascii: "\"") {
                cookie = cookie.dropFirst().dropLast()
            }
            values.append(Array(cookie))
        }
        return values
    }
}
