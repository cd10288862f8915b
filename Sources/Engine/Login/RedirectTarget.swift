/// Where a login or logout may send the browser: `for`, `location`, or the logout `location` (SPEC §4.2).
///
/// A candidate is kept only when it is a strict absolute http(s) URL (`AbsoluteURL`) whose host
/// belongs to the tenant: one of its hosts, or inside its cookie domain on a label boundary. A
/// numeric host (`127.0.0.1`) must be listed verbatim in the tenant's hosts. Anything else is
/// replaced by `/` of the login host. **fix:** Uitsmijter allows every redirect in interceptor mode.
public struct RedirectTarget: Sendable, Equatable {
    /// The absolute URL to send in `Location`: the normalized candidate, or the fallback.
    public let url: String
    /// Whether the candidate was refused (or missing) and `url` is the login host's `/`.
    public let isFallback: Bool

    /// Checks `candidate` for `tenant`; `proto` (`http`, else `https`) and `loginHost` build the fallback.
    public init(_ candidate: String?, tenant: Tenant, proto: String, loginHost: String) {
        if let candidate, let parsed = AbsoluteURL(candidate), Self.host(parsed, belongsTo: tenant) {
            url = parsed.normalized
            isFallback = false
        } else {
            url = Self.fallback(proto: proto, loginHost: loginHost)
            isFallback = true
        }
    }

    /// `<proto>://<loginHost>/`; any `proto` but `http` gives `https` (fail towards TLS).
    public static func fallback(proto: String, loginHost: String) -> String {
        (proto.lowercased() == "http" ? "http" : "https") + "://" + loginHost.lowercased() + "/"
    }

    /// The lowercased host of `candidate` if it is a strict absolute http(s) URL, whoever it belongs to.
    public static func host(of candidate: String) -> String? {
        AbsoluteURL(candidate)?.host
    }

    static func host(_ url: AbsoluteURL, belongsTo tenant: Tenant) -> Bool {
        // A numeric host is never "inside" a cookie domain, and has no wildcard form.
        url.isIPLiteral ? tenant.hosts.contains(url.host) : tenant.contains(host: url.host)
    }
}
