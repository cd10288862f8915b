/// The headers every login, logout and error page carries (SPEC §4.2).
public enum PageHeaders {
    /// Nothing may load but the inline style; the form posts only to this origin; no framing.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

    /// In this order: `Content-Type`, `Content-Security-Policy`, `X-Content-Type-Options`,
    /// `Referrer-Policy`, `Cache-Control`.
    public static let html: [(name: String, value: String)] = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
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
