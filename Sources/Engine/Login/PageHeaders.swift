/// The headers every login, logout and error page carries (SPEC §4.2).
public enum PageHeaders {
    /// Nothing may load but the inline style; the form posts only to this origin; no framing.
    public static let contentSecurityPolicy = contentSecurityPolicy(formActions: [])

    /// The policy with more origins the form may end up at: browsers apply `form-action` to the
    /// redirect after the POST, so a login page on another host must allow the (checked) target's origin.
    public static func contentSecurityPolicy(formActions: [String]) -> String {
        "default-src 'none'; style-src 'unsafe-inline'; form-action "
            + (["'self'"] + formActions).joined(separator: " ") + "; frame-ancestors 'none'"
    }

    /// In this order: `Content-Type`, `Content-Security-Policy`, `X-Content-Type-Options`,
    /// `Referrer-Policy`, `Cache-Control`.
    public static let html: [(name: String, value: String)] = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        // same-origin rather than no-referrer: with no-referrer Chromium sends `Origin: null`
        // on the form's POST, and the Origin check would refuse every login. Other origins
        // (the tenant's information links) still get no referrer.
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]
}

/// A rendered page: status, headers (`PageHeaders.html` and any extra) and the body.
public struct HTMLResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, extraHeaders: [(name: String, value: String)] = [], html: String) {
        self.status = status
        self.headers = PageHeaders.html + extraHeaders
        self.body = Array(html.utf8)
    }
}
