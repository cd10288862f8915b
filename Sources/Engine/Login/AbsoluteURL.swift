/// An absolute `http`/`https` URL read strictly, for redirect targets (SPEC §4.2).
///
/// Written by hand instead of using Foundation's `URL`: the leniency of general URL parsers
/// (backslashes read as slashes, userinfo, tabs and newlines silently removed, numeric hosts)
/// is exactly what open-redirect attacks exploit. Grammar accepted (a subset of RFC 3986 §3):
///
///     ("http" / "https") "://" host [ ":" port ] [ ( "/" / "?" / "#" ) rest ]
///
/// - The whole text is printable ASCII: no controls, space, DEL, non-ASCII, `\`, `"`, `<`, `>`.
/// - Every `%` starts an escape of two hex digits that does not decode to a control character
///   (`%0d%0a` anywhere is refused).
/// - The authority has no userinfo (`@`), no escapes, no IPv6 literal; the host follows
///   RFC 1123 (`HostName`), is lowercased and loses one trailing dot; the port is 1–65535.
struct AbsoluteURL: Sendable, Equatable {
    /// Longest text accepted. Default: 8 KiB, the longest request line a browser's URL can arrive in.
    static let maximumLength = 8192

    /// `http` or `https`, lowercased.
    var scheme: String
    /// Lowercased host without a trailing dot.
    var host: String
    /// The port digits as written, if any.
    var port: String?
    /// Path, query and fragment: empty or starting with `/`, `?` or `#`.
    var rest: String

    /// Whether the host is a numeric address: its last label is all digits or starts with `0x`,
    /// which browsers parse as IPv4 (WHATWG URL "ends in a number").
    var isIPLiteral: Bool {
        let last = host.split(separator: ".").last ?? ""
        return last.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } || last.hasPrefix("0x")
    }

    /// The URL written back: scheme and host lowercased, a `/` before an empty path.
    var normalized: String {
        var text = scheme + "://" + host
        if let port { text += ":" + port }
        if !rest.hasPrefix("/") { text += "/" }
        return text + rest
    }

    /// Parses `text`, or returns `nil` if it is not a strict absolute http(s) URL.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength, Self.hasSafeBytes(bytes) else { return nil }

        // Scheme, case-insensitive (RFC 3986 §3.1), then "//".
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https",
              bytes.count >= colon + 3, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }

        // Authority: up to the first "/", "?" or "#" (RFC 3986 §3.2).
        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
        } ?? bytes.endIndex
        let authority = bytes[authorityStart..<authorityEnd]
        // Userinfo, escapes and IPv6 literals are refused outright: no tenant host can need them.
        guard !authority.contains(where: { [UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "["),
                                            UInt8(ascii: "]")].contains($0) }) else { return nil }
        var hostBytes = authority[...]
        var port: String?
        if let portColon = authority.firstIndex(of: UInt8(ascii: ":")) {
            let digits = authority[(portColon + 1)...]
            guard (1...5).contains(digits.count),
                  digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let value = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(value)
            else { return nil }
            port = String(decoding: digits, as: UTF8.self)
            hostBytes = authority[..<portColon]
        }
        if hostBytes.last == UInt8(ascii: ".") { hostBytes = hostBytes.dropLast() }
        guard let host = HostName.validated(String(decoding: hostBytes, as: UTF8.self)) else { return nil }

        self.scheme = scheme
        self.host = host
        self.port = port
        self.rest = String(decoding: bytes[authorityEnd...], as: UTF8.self)
    }

    /// Printable ASCII only, without `\ " < >`, and every `%` a well-formed escape of a non-control byte.
    private static func hasSafeBytes(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x21...0x7E where byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"")
                && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">"):
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, let high = PercentEncoding.hexValue(bytes[index + 1]),
                          let low = PercentEncoding.hexValue(bytes[index + 2]) else { return false }
                    let decoded = high << 4 | low
                    guard decoded >= 0x20, decoded != 0x7F else { return false }
                    index += 2
                }
            default:
                return false
            }
            index += 1
        }
        return true
    }
}
