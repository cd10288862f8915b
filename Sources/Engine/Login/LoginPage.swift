/// The login form of `GET /login`, and of a failed `POST /login` (SPEC §4.2).
///
/// Plain HTML that needs no JavaScript: the tenant's name as the heading, the form posting to
/// `/login` with labelled `username` and `password`, hidden `location`, `mode` and `csrf`, an
/// optional error line (`role="alert"`), and the tenant's `informations` links. Every value is
/// escaped; links other than absolute http(s) URLs are left out.
public struct LoginPage: Sendable, Equatable {
    /// The heading: the tenant's name.
    public var title: String
    /// Hidden `location`: where to go after login.
    public var location: String
    /// Hidden `mode`. Default: `interceptor`.
    public var mode: String
    /// Hidden `csrf`, from `CSRFToken.issue`.
    public var csrf: String
    /// Filled into the username field after a failure; never the password.
    public var username: String
    public var notice: LoginNotice?
    public var informations: Tenant.Informations

    public init(title: String, location: String, mode: String = "interceptor", csrf: String,
                username: String = "", notice: LoginNotice? = nil, informations: Tenant.Informations = .init()) {
        self.title = title
        self.location = location
        self.mode = mode
        self.csrf = csrf
        self.username = username
        self.notice = notice
        self.informations = informations
    }

    /// The page for `tenant`: its name and its `informations` links.
    public init(tenant: Tenant, location: String, mode: String = "interceptor", csrf: String,
                username: String = "", notice: LoginNotice? = nil) {
        self.init(title: tenant.name, location: location, mode: mode, csrf: csrf, username: username,
                  notice: notice, informations: tenant.informations)
    }

    /// 200, or the notice's status; a 429 carries `Retry-After`.
    public var response: HTMLResponse {
        var extra: [(name: String, value: String)] = []
        if case .tooManyAttempts(let retryAfter) = notice { extra.append(("Retry-After", String(max(1, retryAfter)))) }
        return HTMLResponse(status: notice?.status ?? 200, extraHeaders: extra, html: html)
    }

    public var html: String {
        // After a failed attempt the username is filled in again: start in the password field.
        let focusUsername = username.isEmpty ? " autofocus" : ""
        let focusPassword = username.isEmpty ? "" : " autofocus"
        var main = "<h1>\(HTML.escape(title))</h1>\n"
        if let notice { main += "<p class=\"alert\" role=\"alert\">\(HTML.escape(notice.message))</p>\n" }
        main += """
        <form method="post" action="/login">
        <input type="hidden" name="location" value="\(HTML.escape(location))">
        <input type="hidden" name="mode" value="\(HTML.escape(mode))">
        <input type="hidden" name="csrf" value="\(HTML.escape(csrf))">
        <label for="username">Username</label>
        <input id="username" name="username" type="text" value="\(HTML.escape(username))" \
        autocomplete="username" autocapitalize="none" spellcheck="false" required\(focusUsername)>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required\(focusPassword)>
        <button type="submit">Log in</button>
        </form>

        """
        let links = [("Register", informations.registerURL), ("Imprint", informations.imprintURL),
                     ("Privacy", informations.privacyURL)]
            .compactMap { label, url in url.flatMap { Self.isWebURL($0) ? (label, $0) : nil } }
        if !links.isEmpty {
            main += "<nav aria-label=\"Information\">\n<ul>\n"
            for (label, url) in links { main += "<li><a href=\"\(HTML.escape(url))\">\(label)</a></li>\n" }
            main += "</ul>\n</nav>\n"
        }
        return PageLayout.document(title: "Log in · \(title)", main: main)
    }

    /// Only http(s) links: a `javascript:` URL in a tenant file must not become clickable.
    static func isWebURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
    }
}
