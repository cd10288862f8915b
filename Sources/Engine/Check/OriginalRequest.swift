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

    public init(proto: String, host: String, uri: String, method: String) {
        self.proto = proto
        self.host = host
        self.uri = uri
        self.method = method
    }

    public init(headers: Headers, trustsForwardedHeaders trusted: Bool, secureByDefault: Bool) {
        func forwarded(_ name: HeaderName) -> String? {
            guard trusted, let value = headers[name], !value.isEmpty else { return nil }
            // A proxy chain may append: "https, http". The first hop is the browser's.
            return String(value.split(separator: ",", maxSplits: 1)[0].trimmingSpaces)
        }
        let proto = forwarded(.xForwardedProto)?.lowercased()
        self.proto = proto == "http" || proto == "https" ? proto! : (secureByDefault ? "https" : "http")
        let host = forwarded(.xForwardedHost) ?? headers[.host] ?? ""
        self.host = OriginalRequest.isHost(host) ? host.lowercased() : ""
        let uri = trusted ? headers[.xForwardedUri] : nil
        self.uri = uri.map(OriginalRequest.isOriginForm) == true ? uri! : "/"
        let method = forwarded(.xForwardedMethod)
        self.method = method.map(OriginalRequest.isToken) == true ? method!.uppercased() : "GET"
    }

    /// The absolute URL the browser asked for.
    public var url: String { "\(proto)://\(host)\(uri)" }

    /// A plain navigation can be redirected; other methods get 303 (SPEC §4.1 step 5).
    public var isSafeMethod: Bool { method == "GET" || method == "HEAD" }

    /// Host name or IP literal with an optional port: letters, digits, `-`, `.`, `:`, `[`, `]`.
    static func isHost(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 261 && text.utf8.allSatisfy { byte in
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
    static func isOriginForm(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "/") && !text.hasPrefix("//")
            && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\\") }
    }

    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 32 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
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
