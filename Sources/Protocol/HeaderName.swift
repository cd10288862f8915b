/// A header field name: a token, compared case-insensitively (RFC 9110 §5.1).
///
/// Keeps the spelling it was created with for writing responses, and an ASCII
/// lowercase copy for comparisons, so a lookup compares bytes without allocating.
public struct HeaderName: Sendable, Hashable, CustomStringConvertible {
    /// The spelling given at creation, written as is by `ResponseEncoder`.
    public let description: String
    /// ASCII lowercase bytes of the name; the identity of the name.
    let lowercased: [UInt8]

    /// Creates a name, or nil when `name` is empty or not a `token`
    /// (`1*tchar`, RFC 9110 §5.6.2).
    public init?(_ name: String) {
        var lower: [UInt8] = []
        lower.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            guard ByteClass.isTokenChar(byte) else { return nil }
            lower.append(ByteClass.lowercased(byte))
        }
        guard !lower.isEmpty else { return nil }
        self.description = name
        self.lowercased = lower
    }

    /// Creates one of the known names below; they are valid tokens by construction.
    private init(known name: String) {
        self.description = name
        self.lowercased = name.utf8.map(ByteClass.lowercased)
    }

    public static func == (lhs: HeaderName, rhs: HeaderName) -> Bool {
        lhs.lowercased == rhs.lowercased
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lowercased)
    }

    /// Whether `bytes` spell this name, ignoring ASCII case.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count == lowercased.count else { return false }
        return lowercased.withUnsafeBufferPointer { name in
            var index = 0
            for position in range {
                if ByteClass.lowercased(bytes[position]) != name[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether `string` spells this name, ignoring ASCII case; does not allocate.
    func matches(_ string: String) -> Bool {
        string.utf8.count == lowercased.count
            && string.utf8.elementsEqual(lowercased) { ByteClass.lowercased($0) == $1 }
    }

    public static let host = HeaderName(known: "Host")
    public static let cookie = HeaderName(known: "Cookie")
    public static let authorization = HeaderName(known: "Authorization")
    public static let contentLength = HeaderName(known: "Content-Length")
    public static let transferEncoding = HeaderName(known: "Transfer-Encoding")
    public static let connection = HeaderName(known: "Connection")
    public static let xForwardedProto = HeaderName(known: "X-Forwarded-Proto")
    public static let xForwardedHost = HeaderName(known: "X-Forwarded-Host")
    public static let xForwardedUri = HeaderName(known: "X-Forwarded-Uri")
    public static let xForwardedMethod = HeaderName(known: "X-Forwarded-Method")
    public static let xForwardedFor = HeaderName(known: "X-Forwarded-For")
    public static let xRequestedWith = HeaderName(known: "X-Requested-With")
    public static let accept = HeaderName(known: "Accept")
    public static let origin = HeaderName(known: "Origin")
    public static let contentType = HeaderName(known: "Content-Type")
    public static let upgrade = HeaderName(known: "Upgrade")
    // Response-side names the sidecar writes.
    public static let location = HeaderName(known: "Location")
    public static let setCookie = HeaderName(known: "Set-Cookie")
    public static let cacheControl = HeaderName(known: "Cache-Control")
    public static let remoteUser = HeaderName(known: "Remote-User")
    public static let retryAfter = HeaderName(known: "Retry-After")
}
