import Foundation
import Testing
@testable import Engine

@Suite struct LoginPageTests {
    static let page = LoginPage(tenant: LoginFixture.shop, location: "https://shop.example.net/cart?a=1&b=2",
                                csrf: "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw",
                                username: "alice", notice: .wrongCredentials)

    static var goldenURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/login/login-page.html")
    }

    /// `RECORD_GOLDEN=1 swift test --filter LoginPageTests` rewrites the file after a deliberate change.
    @Test func matchesTheGoldenFile() throws {
        let rendered = Self.page.response.body
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(rendered).write(to: Self.goldenURL)
        }
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            Issue.record("no Fixtures resource")
            return
        }
        let golden = try Data(contentsOf: fixtures.appendingPathComponent("login/login-page.html"))
        #expect(golden == Data(rendered), "rendered page differs from Fixtures/login/login-page.html")
    }

    @Test func hasTheAccessibleStructure() {
        let html = Self.page.html
        for fragment in [
            "<!DOCTYPE html>\n<html lang=\"en\">\n", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>Log in · Shop</title>", "<main>\n<h1>Shop</h1>\n",
            "<p class=\"alert\" role=\"alert\">Wrong username or password.</p>",
            "<form method=\"post\" action=\"/login\">",
            "<input type=\"hidden\" name=\"location\" value=\"https://shop.example.net/cart?a=1&amp;b=2\">",
            "<input type=\"hidden\" name=\"mode\" value=\"interceptor\">",
            "<input type=\"hidden\" name=\"csrf\" value=\"AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw\">",
            "<label for=\"username\">Username</label>",
            "<input id=\"username\" name=\"username\" type=\"text\" value=\"alice\" autocomplete=\"username\" "
                + "autocapitalize=\"none\" spellcheck=\"false\" required>",
            "<label for=\"password\">Password</label>",
            // The username is filled in again after a failure: the password field takes the focus.
            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required autofocus>",
            "<button type=\"submit\">Log in</button>",
            "<nav aria-label=\"Information\">",
            "<li><a href=\"https://example.net/register?from=login&amp;x=1\">Register</a></li>",
            "<li><a href=\"https://example.net/imprint\">Imprint</a></li>",
            "<li><a href=\"https://example.net/privacy\">Privacy</a></li>",
            ":focus-visible{outline:3px solid #f59e0b;outline-offset:2px}",
        ] {
            #expect(html.contains(fragment), "missing \(fragment)")
        }
    }

    @Test func isSelfContained() {
        let html = Self.page.html.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "style=\"", " on"] {
            #expect(!html.contains(forbidden), "contains \(forbidden)")
        }
    }

    @Test func withoutNoticeOrLinks() {
        let page = LoginPage(tenant: LoginFixture.blog, location: "", csrf: "c")
        #expect(!page.html.contains("role=\"alert\""))
        #expect(!page.html.contains("<nav"))
        #expect(page.response.status == 200)
        #expect(page.html.contains("value=\"\" autocomplete=\"username\""))
    }

    @Test func escapesEverything() {
        let hostile = "\"><script>alert('x')</script>&"
        let tenant = Tenant(id: "x", name: hostile, namespace: nil, hosts: ["x.example"], interceptor: .init(),
                            silentLogin: true,
                            informations: .init(imprintURL: "https://x.example/\"><script>", privacyURL: "javascript:alert(1)",
                                                registerURL: " JAVASCRIPT:alert(1)"),
                            providerScript: "")
        let page = LoginPage(tenant: tenant, location: hostile, mode: hostile, csrf: hostile, username: hostile,
                             notice: .wrongCredentials)
        let html = page.html
        #expect(!html.contains("<script"))
        #expect(!html.contains("\"><"))
        #expect(!html.lowercased().contains("javascript:"))
        let escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        #expect(html.contains("<h1>\(escaped)</h1>"))
        #expect(html.contains("<title>Log in · \(escaped)</title>"))
        #expect(html.contains("name=\"location\" value=\"\(escaped)\""))
        #expect(html.contains("name=\"mode\" value=\"\(escaped)\""))
        #expect(html.contains("name=\"csrf\" value=\"\(escaped)\""))
        #expect(html.contains("type=\"text\" value=\"\(escaped)\""))
        #expect(html.contains("<li><a href=\"https://x.example/&quot;&gt;&lt;script&gt;\">Imprint</a></li>\n</ul>"))
    }

    @Test(arguments: [
        (LoginNotice.wrongCredentials, 403, "Wrong username or password."),
        (.formExpired, 403, "The login form has expired. Please try again."),
        (.tooManyAttempts(retryAfter: 1), 429, "Too many failed attempts. Try again in 1 minute."),
        (.tooManyAttempts(retryAfter: 60), 429, "Too many failed attempts. Try again in 1 minute."),
        (.tooManyAttempts(retryAfter: 61), 429, "Too many failed attempts. Try again in 2 minutes."),
        (.tooManyAttempts(retryAfter: 300), 429, "Too many failed attempts. Try again in 5 minutes."),
        (.unavailable, 503, "Login is unavailable right now. Please try again in a moment."),
    ])
    func notices(notice: LoginNotice, status: Int, message: String) {
        #expect(notice.status == status)
        #expect(notice.message == message)
        let response = LoginPage(tenant: LoginFixture.shop, location: "", csrf: "c", notice: notice).response
        #expect(response.status == status)
        #expect(String(decoding: response.body, as: UTF8.self).contains("role=\"alert\">\(message)</p>"))
    }

    @Test func tooManyAttemptsCarriesRetryAfter() {
        let response = LoginPage(tenant: LoginFixture.shop, location: "", csrf: "c",
                                 notice: .tooManyAttempts(retryAfter: 290)).response
        #expect(response.headers.map { "\($0.name): \($0.value)" } == Self.pageHeaderLines + ["Retry-After: 290"])
    }

    static let pageHeaderLines = [
        "Content-Type: text/html; charset=utf-8",
        "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: same-origin",
        "Cache-Control: no-store",
    ]

    @Test func everyPageCarriesTheSecurityHeaders() {
        #expect(PageHeaders.html.map { "\($0.name): \($0.value)" } == Self.pageHeaderLines)
        for response in [Self.page.response, LogoutPage(location: "x").response, ErrorPage.noTenant.response,
                         ErrorPage.unavailable.response] {
            #expect(response.headers.prefix(5).map { "\($0.name): \($0.value)" } == Self.pageHeaderLines)
        }
    }
}

@Suite struct LoginLogoutPageTests {
    @Test(arguments: [
        ("https://shop.example.net/bye?a=1&b=2", "/logout/finalize?location=https%3A%2F%2Fshop.example.net%2Fbye%3Fa%3D1%26b%3D2"),
        ("", "/logout/finalize"),
        ("\"><script>x</script>", "/logout/finalize?location=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"),
        ("a b\r\nc", "/logout/finalize?location=a%20b%0D%0Ac"),
    ])
    func forwardsToFinalize(location: String, url: String) {
        let page = LogoutPage(location: location)
        #expect(page.finalizeURL == url)
        #expect(page.html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(url)\">\n<title>Logging out</title>"))
        #expect(page.html.contains("<p><a href=\"\(url)\">Continue</a></p>"))
        #expect(!page.html.contains("<script"))
        #expect(page.response.status == 200)
    }
}

@Suite struct LoginErrorPageTests {
    @Test func noTenant() {
        let page = ErrorPage.noTenant
        #expect(page.response.status == 400)
        #expect(page.html.contains("<title>No tenant for this host</title>"))
        #expect(page.html.contains("<main>\n<h1>No tenant for this host</h1>\n"
                                   + "<p>There is no login for this host. Check the address and try again.</p>\n</main>"))
    }

    @Test func unavailable() {
        let page = ErrorPage.unavailable
        #expect(page.response.status == 503)
        #expect(page.html.contains("<h1>Login is unavailable</h1>\n<p>Login is unavailable, try again in a moment.</p>"))
    }

    @Test func escapes() {
        let html = ErrorPage(status: 400, title: "<b>", message: "a & \"b\"").html
        #expect(html.contains("<h1>&lt;b&gt;</h1>\n<p>a &amp; &quot;b&quot;</p>"))
    }
}
