/// A page for a login that cannot happen, in the login pages' style.
public struct ErrorPage: Sendable, Equatable {
    public var status: Int
    public var title: String
    public var message: String

    public init(status: Int, title: String, message: String) {
        self.status = status
        self.title = title
        self.message = message
    }

    /// 400: no tenant claims the host of the login.
    public static let noTenant = ErrorPage(
        status: 400, title: "No tenant for this host",
        message: "There is no login for this host. Check the address and try again.")

    /// 503: tenants are not loaded, or the provider pool cannot take the login.
    public static let unavailable = ErrorPage(
        status: 503, title: "Login is unavailable",
        message: "Login is unavailable, try again in a moment.")

    public var response: HTMLResponse { HTMLResponse(status: status, html: html) }

    public var html: String {
        PageLayout.document(title: title, main: "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(message))</p>\n")
    }
}
