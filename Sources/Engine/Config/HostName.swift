/// Host names as tenant files write them and as forwarded headers bring them.
///
/// Grammar (RFC 1123 §2.1, RFC 1035 §2.3.4): labels of 1–63 letters, digits and
/// hyphens, not starting or ending with a hyphen, at most 253 characters in all.
/// Letters are lowercased. Dotted IPv4 addresses pass this grammar and are allowed;
/// IPv6 literals, underscores, trailing dots and non-ASCII names (write the `xn--`
/// form) are not.
enum HostName {
    static let maximumLength = 253
    static let maximumLabelLength = 63

    /// The lowercased host name, or `nil` if `text` is not one.
    static func validated(_ text: String) -> String? {
        // Byte by byte: Unicode lowercasing would turn the Kelvin sign into an ASCII "k".
        var host: [UInt8] = []
        host.reserveCapacity(text.utf8.count)
        var labelLength = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "."):
                guard labelLength > 0, host.last != UInt8(ascii: "-") else { return nil }
                labelLength = 0
                host.append(byte)
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                host.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                host.append(byte)
            case UInt8(ascii: "-") where labelLength > 0:
                host.append(byte)
            default:
                return nil
            }
            labelLength += 1
            guard labelLength <= maximumLabelLength else { return nil }
        }
        guard labelLength > 0, host.last != UInt8(ascii: "-"), host.count <= maximumLength else { return nil }
        return String(decoding: host, as: UTF8.self)
    }

    /// The lowercased pattern: a host name, or `*.` and a host name; `nil` otherwise.
    static func validatedPattern(_ text: String) -> String? {
        if text.hasPrefix("*.") {
            return validated(String(text.dropFirst(2))).map { "*." + $0 }
        }
        return validated(text)
    }

    /// A forwarded host made ready for lookup: `:port` and one trailing dot removed, lowercased.
    ///
    /// Returns `nil` for anything that cannot match a configured host (empty labels,
    /// characters outside letters, digits, `-` and `.`, IPv6 literals, a bad port). Allocates
    /// only when the host has uppercase letters.
    static func normalized(_ host: String) -> Substring? {
        let utf8 = host.utf8
        var end = utf8.endIndex
        if let colon = utf8.firstIndex(of: UInt8(ascii: ":")) {
            let port = utf8[utf8.index(after: colon)...]
            guard (1...5).contains(port.count),
                  port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            end = colon
        }
        if end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: ".") {
            end = utf8.index(before: end)
        }
        var hasUppercase = false
        var previous = UInt8(ascii: ".")
        for byte in utf8[..<end] {
            switch byte {
            case UInt8(ascii: "."):
                guard previous != UInt8(ascii: ".") else { return nil }
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasUppercase = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                break
            default:
                return nil
            }
            previous = byte
        }
        // Empty, or ending in an empty label ("a.." had one dot removed above).
        guard previous != UInt8(ascii: ".") else { return nil }
        let trimmed = host[..<end]
        return hasUppercase ? Substring(trimmed.lowercased()) : trimmed
    }

    /// The part after the first label (`a.apps.example.net` → `apps.example.net`), or `nil` for one label.
    static func parent(of host: Substring) -> Substring? {
        guard let dot = host.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        return host[host.utf8.index(after: dot)...]
    }

    /// Whether a normalized host is `domain` or lies inside it on a label boundary.
    static func host(_ host: Substring, isInside domain: String) -> Bool {
        guard host.utf8.count >= domain.utf8.count else { return false }
        if host.utf8.count == domain.utf8.count { return host == domain }
        let start = host.utf8.index(host.utf8.endIndex, offsetBy: -domain.utf8.count)
        return host.utf8[host.utf8.index(before: start)] == UInt8(ascii: ".")
            && host.utf8[start...].elementsEqual(domain.utf8)
    }
}
