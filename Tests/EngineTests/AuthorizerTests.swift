import Testing
@testable import Engine
import Protocol

/// The check of SPEC §4.1 on decoded requests, with a manual clock (`now` is a parameter).
@Suite struct AuthorizerTests {
    static let secret = Array("authorizer-tests-secret-of-sufficient-length".utf8)
    static let yaml = """
        name: shop
        config:
          hosts: [shop.example.net, "*.apps.example.net"]
          interceptor: { domain: login.example.net, cookie: .example.net }
          providers: []
        ---
        name: strict
        config:
          hosts: [strict.example.net]
          providers:
            - "class UserValidationProvider { constructor(a) { commit(true); } get isValid() { return true; } }"
        ---
        name: off
        config:
          hosts: [off.example.net]
          interceptor: { enabled: false }
          providers: []
        """

    let authorizer: Authorizer
    let issuer: TokenIssuer
    let tenants: Tenants

    init() throws {
        tenants = try TenantsLoader.load([("t.yaml", Self.yaml)]).tenants
        issuer = try TokenIssuer(secret: Self.secret)
        authorizer = Authorizer(tenants: tenants, verifier: TokenVerifier(secret: Self.secret), issuer: issuer,
                                settings: CheckSettings(refresh: RefreshPolicy(lifetime: 1000)),
                                refreshes: RefreshCoordinator())
    }

    func token(tenant: String = "shop", iat: Double = 0, exp: Double = 1000) throws -> String {
        let owner = try #require(tenants.tenant(id: tenant))
        var claims = Claims.login(tenant: owner, user: "alice", subject: "u-1", role: nil, profile: nil,
                                  issuer: "https://login.example.net", host: "shop.example.net", now: iat, lifetime: 1)
        claims.exp = exp
        return issuer.issue(claims)
    }

    func request(host: String = "shop.example.net", headers: [String] = [], trusted: Bool = true) throws -> Request {
        var decoder = RequestDecoder()
        let head = (["GET /auth_request HTTP/1.1", "Host: localhost", "X-Forwarded-Host: \(host)",
                     "X-Forwarded-Uri: /orders?id=7&sort=asc", "X-Forwarded-Proto: https"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        decoder.append(Array(head.utf8))
        return try #require(try decoder.next())
    }

    func check(_ request: Request, now: Double = 10) -> Decision {
        authorizer.check(request, trustsForwardedHeaders: true, now: now)
    }

    @Test func validCookiePassesTheSameToken() throws {
        let token = try token()
        guard case .allow(let grant) = check(try request(headers: ["Cookie: a=b; uitsmijter-sso=\(token); c=d"])) else {
            Issue.record("not allowed"); return
        }
        #expect(grant.token == token)
        #expect(grant.user == "alice")
        #expect(grant.setCookie == nil)
    }

    @Test func missingCookieRedirectsWithTheWholeOriginalURL() throws {
        guard case .login(let challenge) = check(try request()) else { Issue.record("not login"); return }
        #expect(challenge.location == "https://login.example.net/login?for="
                + "https%3A%2F%2Fshop.example.net%2Forders%3Fid%3D7%26sort%3Dasc&mode=interceptor")
        #expect(challenge.interactive)
        #expect(challenge.clearCookie == nil)
        #expect(challenge.reason == .invalidToken)
    }

    @Test(arguments: ["garbage", "a.b.c", String(repeating: "x", count: 9 * 1024)])
    func invalidCookieIsCleared(value: String) throws {
        guard case .login(let challenge) = check(try request(headers: ["Cookie: uitsmijter-sso=\(value)"])) else {
            Issue.record("not login"); return
        }
        #expect(challenge.clearCookie?.hasPrefix("uitsmijter-sso=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Domain=example.net") == true)
    }

    @Test func firstValidOfDuplicateCookiesWins() throws {
        let token = try token()
        let decision = check(try request(headers: ["Cookie: uitsmijter-sso=broken", "Cookie: uitsmijter-sso=\(token)"]))
        guard case .allow(let grant) = decision else { Issue.record("not allowed"); return }
        #expect(grant.token == token)
    }

    @Test func tokenOfAnotherTenantIsRefused() throws {
        let other = try token(tenant: "strict")
        guard case .login = check(try request(headers: ["Cookie: uitsmijter-sso=\(other)"])) else {
            Issue.record("accepted another tenant's token"); return
        }
    }

    @Test(arguments: [["X-Requested-With: XMLHttpRequest"], ["Accept: application/json"]])
    func xhrAndAPICallsAreNotInteractive(headers: [String]) throws {
        guard case .login(let challenge) = check(try request(headers: headers)) else { Issue.record("not login"); return }
        #expect(!challenge.interactive)
    }

    @Test(arguments: [("unknown.example.com", DenyReason.noTenant), ("evil-example.net", .noTenant),
                      ("a.b.apps.example.net", .noTenant), ("off.example.net", .tenantNotAllowed)])
    func deniedHosts(host: String, reason: DenyReason) throws {
        guard case .deny(let denied) = check(try request(host: host)) else { Issue.record("not denied"); return }
        #expect(denied == reason)
    }

    @Test func untrustedPeersCannotChooseTheHost() throws {
        let request = try request(host: "shop.example.net")
        guard case .deny(.noTenant) = authorizer.check(request, trustsForwardedHeaders: false, now: 10) else {
            Issue.record("forwarded host trusted from an untrusted peer"); return
        }
    }

    /// iat 0, exp 1000: the refresh is due from 750 on (3/4 of the lifetime).
    @Test(arguments: [(749.0, false), (750.0, true), (999.0, true)])
    func refreshBoundary(now: Double, refreshed: Bool) throws {
        let token = try token()
        guard case .allow(let grant) = check(try request(headers: ["Cookie: uitsmijter-sso=\(token)"]), now: now) else {
            Issue.record("not allowed"); return
        }
        #expect((grant.setCookie != nil) == refreshed)
        #expect((grant.token != token) == refreshed)
    }

    @Test func concurrentChecksShareOneRefresh() throws {
        let token = try token()
        let request = try request(headers: ["Cookie: uitsmijter-sso=\(token)"])
        guard case .allow(let first) = check(request, now: 800), case .allow(let second) = check(request, now: 801.5)
        else { Issue.record("not allowed"); return }
        #expect(first.token == second.token)
        let claims = try TokenVerifier(secret: Self.secret).verify(Substring(first.token), now: 900, tenant: "shop",
                                                                  responsibility: Responsibility.of(tenantName: "shop"))
        #expect(claims.iat == 800 && claims.exp == 1800)
        #expect(first.setCookie?.contains("Max-Age=1000; Domain=example.net; Path=/; Secure; HttpOnly; SameSite=Lax") == true)
    }

    @Test func tenantWithValidationProviderAsksIt() throws {
        let token = try token(tenant: "strict")
        let request = try request(host: "strict.example.net", headers: ["Cookie: uitsmijter-sso=\(token)"])
        guard case .validate(let pending) = check(request, now: 900) else { Issue.record("no validation"); return }
        #expect(pending.username == "alice")
        guard case .lead = authorizer.joinRefresh(pending, now: 900, waiter: { _ in }) else { Issue.record("not lead"); return }
        // A second check for the same token waits for the first one's outcome.
        guard case .validate(let again) = check(request, now: 900) else { Issue.record("no validation"); return }
        nonisolated(unsafe) var shared: RefreshOutcome?
        guard case .wait = authorizer.joinRefresh(again, now: 900, waiter: { shared = $0 }) else {
            Issue.record("did not wait"); return
        }
        let outcome = authorizer.finishRefresh(pending, stillValid: false, now: 901)
        #expect(outcome == .rejected)
        #expect(shared == .rejected)
        guard case .login(let challenge) = authorizer.decision(for: pending, outcome: outcome, now: 901) else {
            Issue.record("not logged out"); return
        }
        #expect(challenge.reason == .userInvalid)
        #expect(challenge.clearCookie != nil)
    }
}

@Suite struct CookieTests {
    @Test func httpDateOfRFC9110Example() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func issueAndClear() {
        let policy = CookiePolicy()
        #expect(policy.issue(token: "t", expires: 1_000_060, now: 1_000_000, domain: "example.net")
                == "uitsmijter-sso=t; Expires=Mon, 12 Jan 1970 13:47:40 GMT; Max-Age=60; Domain=example.net; Path=/; Secure; HttpOnly; SameSite=Lax")
        #expect(CookiePolicy(secure: false, sameSite: .strict).clear(domain: nil)
                == "uitsmijter-sso=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; HttpOnly; SameSite=Strict")
    }

    func scan(_ lines: [String]) throws -> [String] {
        var decoder = RequestDecoder()
        decoder.append(Array(("GET / HTTP/1.1\r\nHost: a\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n").utf8))
        let request = try #require(try decoder.next())
        var found: [String] = []
        CookieHeader.scan(request.headers, named: Array("sso".utf8)) { value in
            found.append(String(decoding: value, as: UTF8.self))
            return false
        }
        return found
    }

    @Test(arguments: [
        (["Cookie: sso=a"], ["a"]),
        (["Cookie: x=1; sso=a; sso=b"], ["a", "b"]),
        (["Cookie: sso=a", "Cookie: y=2;sso=b"], ["a", "b"]),
        (["Cookie: sso = a ; x=1"], ["a"]),
        (["Cookie: sso=\"q\""], ["q"]),
        (["Cookie: ssox=a; xsso=b; SSO=c; sso"], []),
        (["Cookie: sso="], [""]),
        (["Cookie: ;;; sso=a=b;"], ["a=b"]),
        (["X-Cookie: sso=a"], []),
    ])
    func scansCookieValues(lines: [String], expected: [String]) throws {
        #expect(try scan(lines) == expected)
    }
}

@Suite struct RefreshPolicyTests {
    @Test(arguments: [(nil as Double?, 1000.0, 749.0, false), (nil, 1000, 750, true), (0, 100, 74.9, false),
                      (0, 100, 75, true), (100, 100, 100, true)])
    func due(iat: Double?, exp: Double, now: Double, expected: Bool) {
        #expect(RefreshPolicy(lifetime: 1000).isDue(iat: iat, exp: exp, now: now) == expected)
    }

    @Test func percentEncodingKeepsOnlyUnreserved() {
        #expect(PercentEncoding.encode("https://a.b/c?d=1&e=ä ~") == "https%3A%2F%2Fa.b%2Fc%3Fd%3D1%26e%3D%C3%A4%20~")
        #expect(PercentEncoding.decode("a%20b+c", plusAsSpace: true) == "a b c")
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%ff") == nil)
    }
}
