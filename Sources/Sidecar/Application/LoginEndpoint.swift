import Engine
import Protocol

/// `GET /login`, `POST /login` and the logout routes (SPEC §4.2). Providers run on the
/// provider threads; the answer comes back through the sink.
struct LoginEndpoint: Sendable {
    let store: ConfigurationStore
    let providers: ProviderPool
    let limiter: BruteForceLimiter
    let scriptTimeout: Duration
    let logger: Logger
    let metrics: InterceptorMetrics

    /// Where the browser is: the login host and its scheme.
    private func place(_ request: Request, _ context: RequestContext) -> OriginalRequest {
        OriginalRequest(headers: request.headers, trustsForwardedHeaders: context.trustsForwardedHeaders,
                        secureByDefault: store.options.secure)
    }

    func show(_ request: Request, context: RequestContext) -> Response {
        guard let configuration = store.configuration else { return page(ErrorPage.unavailable.response) }
        let authorizer = configuration.authorizer
        let browser = place(request, context)
        let query = request.query.map(PercentEncoding.pairs) ?? []
        let target = query.first { $0.key == "for" }?.value
        let mode = query.first { $0.key == "mode" }?.value ?? "interceptor"
        guard let tenant = LoginTenantResolver.tenant(target: target, requestHost: browser.host, in: authorizer.tenants)
        else { return page(ErrorPage.noTenant.response) }
        let location = RedirectTarget(target, tenant: tenant, proto: browser.proto, loginHost: browser.host).url
        let now = WallClock.now()
        if tenant.silentLogin,
           authorizer.verifiedToken(in: request.headers, tenant: tenant, host: RedirectTarget.host(of: location) ?? browser.host,
                                    now: now) != nil {
            return redirect(to: location, cookies: [])
        }
        let csrf = CSRFToken.issue(secret: configuration.secret, loginHost: browser.host, now: now)
        return loginPage(LoginPage(tenant: tenant, location: location, mode: mode, csrf: csrf))
    }

    func submit(_ request: Request, context: RequestContext, sink: ResponseSink) -> HandlerResult {
        guard let configuration = store.configuration else { return .respond(page(ErrorPage.unavailable.response)) }
        let authorizer = configuration.authorizer
        let browser = place(request, context)
        let form: LoginForm
        do {
            form = try LoginForm(body: request.body, contentType: request.headers[.contentType])
        } catch {
            logger.info("login form rejected", ["reason": error.description])
            return .respond(page(ErrorPage(status: 400, title: "Bad request", message: "The login form was not understood.").response))
        }
        guard let tenant = LoginTenantResolver.tenant(target: form.location, requestHost: browser.host,
                                                       in: authorizer.tenants)
        else { return .respond(page(ErrorPage.noTenant.response)) }
        let location = RedirectTarget(form.location, tenant: tenant, proto: browser.proto, loginHost: browser.host).url
        let targetHost = RedirectTarget.host(of: location) ?? browser.host
        let loginMetrics = authorizer.loginMetrics(tenant: tenant, host: targetHost)
        let now = WallClock.now()
        let csrf = CSRFToken.issue(secret: configuration.secret, loginHost: browser.host, now: now)
        @Sendable func again(_ notice: LoginNotice) -> Response {
            loginPage(LoginPage(tenant: tenant, location: location, mode: form.mode, csrf: csrf, username: form.username,
                                notice: notice))
        }

        guard CSRFToken.verify(form.csrf, secret: configuration.secret, loginHost: browser.host, now: now),
              Self.originMatches(request.headers[.origin], browser: browser) else {
            logger.info("login refused: stale form or foreign origin", ["tenant": tenant.id])
            loginMetrics?.record(succeeded: false)
            return .respond(again(.formExpired))
        }
        let client = Self.client(request, context)
        if case .blocked(let retryAfter) = limiter.check(tenant: tenant.id, username: form.username, client: client, now: now) {
            logger.notice("login blocked after repeated failures", ["tenant": tenant.id])
            loginMetrics?.record(succeeded: false)
            return .respond(again(.tooManyAttempts(retryAfter: retryAfter)))
        }

        let started = MonotonicClock.seconds()
        let providerTenant = ProviderTenant(name: tenant.name, namespace: tenant.namespace ?? "")
        let queued = providers.login(script: ProviderScript(source: tenant.providerScript),
                                     credentials: ProviderCredentials(username: form.username, password: form.password),
                                     tenant: providerTenant, timeout: scriptTimeout) { outcome in
            metrics.providerDuration(.userLogin).observe(MonotonicClock.seconds() - started)
            let now = WallClock.now()
            switch outcome {
            case .allowed(let subject, let profileJSON, let role, let roles):
                let claims = Claims.login(
                    tenant: tenant, user: form.username, subject: subject, role: role, roles: roles,
                    profile: profileJSON.flatMap { JSONValue(parsing: Array($0.utf8)) },
                    issuer: "\(browser.proto)://\(browser.host)", host: targetHost, now: now,
                    lifetime: authorizer.settings.refresh.lifetime)
                let token = authorizer.issue(claims)
                let cookie = authorizer.settings.cookie.issue(token: token, expires: claims.exp, now: now,
                                                              domain: authorizer.cookieDomain(of: tenant))
                limiter.recordSuccess(tenant: tenant.id, username: form.username, client: client, now: now)
                loginMetrics?.record(succeeded: true)
                logger.info("login succeeded", ["tenant": tenant.id])
                sink.complete(redirect(to: location, cookies: [cookie]))
            case .denied:
                limiter.recordFailure(tenant: tenant.id, username: form.username, client: client, now: now)
                loginMetrics?.record(succeeded: false)
                logger.info("login denied by provider", ["tenant": tenant.id])
                sink.complete(again(.wrongCredentials))
            case .failed(let failure):
                loginMetrics?.record(succeeded: false)
                logger.warning("login provider failed", ["reason": failure.description, "tenant": tenant.id])
                sink.complete(page(ErrorPage.unavailable.response))
            }
        }
        guard queued else {
            loginMetrics?.record(succeeded: false)
            logger.warning("provider queue full, login refused", ["tenant": tenant.id])
            return .respond(page(ErrorPage.unavailable.response))
        }
        return .deferred
    }

    /// `GET /logout?post_logout_redirect_uri=`: a page forwarding to `/logout/finalize`.
    func confirm(_ request: Request) -> Response {
        let target = request.query.map(PercentEncoding.pairs)?.first { $0.key == "post_logout_redirect_uri" }?.value
        return page(LogoutPage(location: target ?? "/").response)
    }

    /// `GET /logout/finalize?location=` and `POST /logout?location=`: clear the cookie on its
    /// domain and host-only, then 303 to `location` if allowed, else `/`.
    func finish(_ request: Request, context: RequestContext) -> Response {
        let browser = place(request, context)
        let target = request.query.map(PercentEncoding.pairs)?.first { $0.key == "location" }?.value
        let authorizer = store.authorizer
        let cookie = authorizer?.settings.cookie ?? CookiePolicy(name: store.options.cookieName, secure: store.options.secure)
        guard let authorizer,
              let tenant = LoginTenantResolver.tenant(target: target, requestHost: browser.host, in: authorizer.tenants)
        else {
            return redirect(to: RedirectTarget.fallback(proto: browser.proto, loginHost: browser.host),
                            cookies: [cookie.clear(domain: nil)])
        }
        authorizer.logoutCounter(tenant: tenant)?.increment()
        var cookies = [cookie.clear(domain: nil)]
        if let domain = authorizer.cookieDomain(of: tenant) { cookies.insert(cookie.clear(domain: domain), at: 0) }
        logger.info("logged out", ["tenant": tenant.id])
        return redirect(to: RedirectTarget(target, tenant: tenant, proto: browser.proto, loginHost: browser.host).url,
                        cookies: cookies)
    }

    /// A login page whose policy lets the form's redirect reach `location`'s origin (checked
    /// against the tenant by `RedirectTarget` before it gets here).
    private func loginPage(_ login: LoginPage) -> Response {
        var response = page(login.response)
        if let origin = Self.origin(of: login.location) {
            let policy = PageHeaders.contentSecurityPolicy(formActions: [origin])
            response.headers = response.headers.map { $0.name == "Content-Security-Policy" ? ($0.name, policy) : $0 }
        }
        return response
    }

    /// `scheme://host[:port]` of an absolute URL.
    static func origin(of url: String) -> String? {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return "\(parts[0])//\(parts[2])"
    }

    private func page(_ html: HTMLResponse) -> Response {
        Response(status: html.status, headers: html.headers, body: html.body)
    }

    private func redirect(to location: String, cookies: [String]) -> Response {
        var response = Response(status: 303, headers: [("Location", location), ("Cache-Control", "no-store")])
        for cookie in cookies { response.append(.setCookie, cookie) }
        return response
    }

    /// `Origin`, when a browser sends it, must be the login host itself.
    static func originMatches(_ origin: String?, browser: OriginalRequest) -> Bool {
        guard let origin else { return true }
        return origin.lowercased() == "\(browser.proto)://\(browser.host)"
    }

    /// The browser's address for the brute-force limit: the first `X-Forwarded-For` entry from
    /// a trusted proxy, else the peer.
    static func client(_ request: Request, _ context: RequestContext) -> String {
        if context.trustsForwardedHeaders, let forwarded = request.headers[.xForwardedFor],
           let first = forwarded.split(separator: ",").first {
            let address = first.trimmingCharacters()
            if !address.isEmpty && address.utf8.count <= 64 { return address }
        }
        return context.peer
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
