/// Reads cookies from `Cookie` header values (RFC 6265 §5.4): `name=value; name2=value2`.
public enum CookieHeader {
    /// Every value of the cookie `name`, in order, across all given header values.
    /// Several cookies of one name can arrive (a host-only and a domain cookie); the caller
    /// tries them in order and the first valid one wins (SPEC §6).
    public static func values(named name: String, in headers: [String]) -> [Substring] {
        var found: [Substring] = []
        for header in headers {
            for pair in header.split(separator: ";", omittingEmptySubsequences: true) {
                let trimmed = pair.drop { $0 == " " || $0 == "\t" }
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                let key = trimmed[..<equals].reversed().drop { $0 == " " || $0 == "\t" }
                guard key.count == name.count, key.reversed().elementsEqual(name) else { continue }
                var value = trimmed[trimmed.index(after: equals)...]
                while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
                found.append(value)
            }
        }
        return found
    }
}
