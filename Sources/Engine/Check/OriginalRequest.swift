import Protocol

/// The browser's request to the proxy, as the subrequest describes it (SPEC §4.1).
///
/// `X-Forwarded-Proto`, `-Host`, `-Uri` and `-Method` count only when the peer is trusted (a
/// Unix-socket peer, or a TCP peer inside `--trusted-proxy`); otherwise, and for missing or
/// malformed values, the defaults apply: `https` when cookies are `Secure` else `http`, the
/// `Host` header, `/`, and `GET`.
public struct OriginalRequest: Sendable, Equatable {
    public var proto: String
    /// Host as sent, possibly with a port; never contains `/`, `@`, `\`, spaces or controls.
    public var host: String
    /// Origin-form path and query, starting with `/`.
    public var uri: String
    public var method: String

    public init(headers: Headers, trustsForwardedHeaders trusted: Bool, secureByDefault: Bool) {
        // Read in place, byte by byte: this runs on every check.
        func forwarded(_ name: HeaderName) -> ArraySlice<UInt8>? {
            guard trusted, let value = headers.valueBytes(name), !value.isEmpty else { return nil }
            // A proxy chain may append: "https, http". The first hop is the browser's.
            return Self.trimmed(value.prefix { $0 != UInt8(ascii: ",") })
        }
        let proto = forwarded(.xForwardedProto)
        if let proto, Self.equalsIgnoringCase(proto, "https") {
            self.proto = "https"
        } else if let proto, Self.equalsIgnoringCase(proto, "http") {
            self.proto = "http"
        } else {
            self.proto = secureByDefault ? "https" : "http"
        }
        let host = forwarded(.xForwardedHost) ?? headers.valueBytes(.host) ?? []
        self.host = Self.isHost(host) ? String(decoding: host.map(Self.lowercased), as: UTF8.self) : ""
        if trusted, let uri = headers.valueBytes(.xForwardedUri), Self.isOriginForm(uri) {
            self.uri = String(decoding: uri, as: UTF8.self)
        } else {
            self.uri = "/"
        }
        if let method = forwarded(.xForwardedMethod), Self.isMethod(method) {
            self.method = String(decoding: method.map(Self.uppercased), as: UTF8.self)
        } else {
            self.method = "GET"
        }
    }

    /// The absolute URL the browser asked for.
    public var url: String { "\(proto)://\(host)\(uri)" }

    /// A plain navigation can be redirected; other methods get 303 (SPEC §4.1 step 5).
    public var isSafeMethod: Bool { method == "GET" || method == "HEAD" }

    /// Host name or IP literal with an optional port: letters, digits, `-`, `.`, `:`, `[`, `]`.
    static func isHost(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= 261 && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
                return true
            default:
                return false
            }
        }
    }

    /// `/` followed by visible ASCII; anything else (`//host`, controls, spaces) is not a path.
    static func isOriginForm(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.first == UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "/")
            && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\\") }
    }

    static func isMethod(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= 32 && bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
    }

    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { lowercased($0) == $1 }
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var value = bytes
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return value
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    static func uppercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
