/// The page of `GET /logout?post_logout_redirect_uri=` (SPEC §4.2): it forwards the browser to
/// `/logout/finalize?location=<encoded>` with a `<meta http-equiv="refresh">` and a visible link,
/// so it works without JavaScript under the page CSP. `/logout/finalize` checks the location.
public struct LogoutPage: Sendable, Equatable {
    /// `post_logout_redirect_uri` as received; empty leaves `location` out.
    public var location: String

    public init(location: String) {
        self.location = location
    }

    /// The relative URL the page forwards to.
    public var finalizeURL: String {
        location.isEmpty ? "/logout/finalize" : "/logout/finalize?location=" + PercentEncoding.encode(location)
    }

    public var response: HTMLResponse { HTMLResponse(status: 200, html: html) }

    public var html: String {
        let url = HTML.escape(finalizeURL)
        return PageLayout.document(
            title: "Logging out",
            head: "<meta http-equiv=\"refresh\" content=\"0; url=\(url)\">\n",
            main: "<h1>Logging out</h1>\n<p>You are being logged out.</p>\n<p><a href=\"\(url)\">Continue</a></p>\n")
    }
}
