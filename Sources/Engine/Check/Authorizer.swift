import Protocol

/// Decides `/interceptor` and `/auth_request` checks (SPEC §4.1 steps 1–5). Immutable: a
/// reload builds a new one and swaps it in whole.
public final class Authorizer: Sendable {
    public let tenants: Tenants
    public let settings: CheckSettings
    private let verifier: TokenVerifier
    private let issuer: TokenIssuer
    private let refreshes: RefreshCoordinator
    /// Per tenant id: what every check of the tenant needs, computed once.
    private let facts: [String: TenantFacts]
    private let noTenant: Counter?
    private let cookieName: [UInt8]

    /// A class: a check reads it once, with one retain, instead of copying its fields.
    final class TenantFacts: Sendable {
        /// SHA-1 of the tenant name, or nil when `silent_login: false` binds tokens to the host.
        let responsibility: String?
        let cookieDomain: String?
        let hasValidationProvider: Bool
        /// Per host pattern.
        let counters: [String: CheckCounters]
        let metrics: TenantMetrics?

        init(responsibility: String?, cookieDomain: String?, hasValidationProvider: Bool,
             counters: [String: CheckCounters], metrics: TenantMetrics?) {
            self.responsibility = responsibility
            self.cookieDomain = cookieDomain
            self.hasValidationProvider = hasValidationProvider
            self.counters = counters
            self.metrics = metrics
        }
    }

    /// `metrics` nil: nothing is counted (tests, `interceptor token`).
    public init(tenants: Tenants, verifier: TokenVerifier, issuer: TokenIssuer, settings: CheckSettings,
                refreshes: RefreshCoordinator, metrics: InterceptorMetrics? = nil) {
        self.tenants = tenants
        self.verifier = verifier
        self.issuer = issuer
        self.settings = settings
        self.refreshes = refreshes
        cookieName = Array(settings.cookie.name.utf8)
        let tenantMetrics = metrics?.load(tenants) ?? [:]
        noTenant = metrics?.noTenant
        var facts: [String: TenantFacts] = [:]
        for tenant in tenants.all {
            let counters = tenantMetrics[tenant.id]
            facts[tenant.id] = TenantFacts(
                responsibility: tenant.silentLogin ? Responsibility.of(tenantName: tenant.name) : nil,
                cookieDomain: tenant.interceptor.cookieDomain ?? tenant.interceptor.domain,
                hasValidationProvider: tenant.providerScript.contains("UserValidationProvider"),
                counters: Dictionary(uniqueKeysWithValues: tenant.hosts.map { host in
                    (host, CheckCounters(interceptor: counters?.interceptor[host], refresh: counters?.tokenRefresh))
                }),
                metrics: counters)
        }
        self.facts = facts
    }

    /// Decides one check. `now` is seconds since the epoch.
    public func check(_ request: Request, trustsForwardedHeaders: Bool, now: Double) -> Decision {
        let original = OriginalRequest(headers: request.headers, trustsForwardedHeaders: trustsForwardedHeaders,
                                       secureByDefault: settings.secureByDefault)
        guard let match = tenants.match(host: original.host), let facts = facts[match.tenant.id] else {
            noTenant?.increment()
            return .deny(.noTenant)
        }
        let tenant = match.tenant
        let counters = facts.counters[match.pattern] ?? CheckCounters(interceptor: nil, refresh: nil)
        guard tenant.interceptor.enabled else {
            counters.interceptor?.failure(.tenantNotAllowed).increment()
            return .deny(.tenantNotAllowed)
        }

        let responsibility = facts.responsibility ?? Responsibility.of(host: Self.hostWithoutPort(original.host))
        let (verified, cookiesSeen) = firstValidToken(in: request.headers, tenant: tenant, responsibility: responsibility,
                                                      now: now)
        let interactive = Self.isInteractive(request.headers)
        guard let (token, claims) = verified else {
            counters.interceptor?.failure(.invalidToken).increment()
            return .login(challenge(tenant: tenant, original: original, interactive: interactive,
                                    clear: cookiesSeen > 0, facts: facts, reason: .invalidToken))
        }

        guard settings.refresh.isDue(iat: claims.iat, exp: claims.exp, now: now) else {
            counters.interceptor?.success.increment()
            return .allow(Grant(token: token, user: claims.user, setCookie: nil, original: original))
        }
        let pending = PendingRefresh(
            key: String(token.suffix(43)), token: claims, tenant: tenant, username: claims.user ?? claims.sub ?? "",
            cookieDomain: facts.cookieDomain, original: original, interactive: interactive,
            location: loginURL(tenant: tenant, original: original), counters: counters)
        if let outcome = refreshes.finished(pending.key, now: now) {
            return decision(for: pending, outcome: outcome, now: now)
        }
        guard facts.hasValidationProvider else {
            // Without a validation provider the user stays valid: refresh at once. The
            // coordinator still makes concurrent checks share the one new token.
            switch refreshes.join(pending.key, now: now, waiter: { _ in }) {
            case .done(let outcome):
                return decision(for: pending, outcome: outcome, now: now)
            case .lead, .wait:
                let outcome = refresh(pending, stillValid: true, now: now)
                refreshes.finish(pending.key, outcome, now: now)
                return decision(for: pending, outcome: outcome, now: now)
            }
        }
        return .validate(pending)
    }

    /// The first valid token for `tenant` among the request's cookies and its own
    /// `Authorization: Bearer` (silent login), or nil.
    public func verifiedToken(in headers: Headers, tenant: Tenant, host: String, now: Double) -> VerifiedToken? {
        guard let facts = facts[tenant.id] else { return nil }
        let responsibility = facts.responsibility ?? Responsibility.of(host: Self.hostWithoutPort(host))
        return firstValidToken(in: headers, tenant: tenant, responsibility: responsibility, now: now).token?.claims
    }

    /// The first cookie that verifies (SPEC §6), else the original request's `Authorization:
    /// Bearer`; and how many login cookies were present. Reads the header bytes in place.
    private func firstValidToken(in headers: Headers, tenant: Tenant, responsibility: String, now: Double)
        -> (token: (text: String, claims: VerifiedToken)?, cookies: Int) {
        var found: (text: String, claims: VerifiedToken)?
        let cookies = CookieHeader.scan(headers, named: cookieName) { value in
            guard let claims = try? verifier.verify(UnsafeRawBufferPointer(value), now: now, tenant: tenant.id,
                                                    responsibility: responsibility) else { return false }
            found = (String(decoding: value, as: UTF8.self), claims)
            return true
        }
        if found == nil, let bearer = Self.bearer(headers).first,
           let claims = try? verifier.verify(bearer, now: now, tenant: tenant.id, responsibility: responsibility) {
            found = (String(bearer), claims)
        }
        return (found, cookies)
    }

    /// Signs a token with the current secret (logins).
    public func issue(_ claims: Claims) -> String { issuer.issue(claims) }

    /// The cookie domain of `tenant`: `interceptor.cookie`, else `interceptor.domain`, else host-only.
    public func cookieDomain(of tenant: Tenant) -> String? { facts[tenant.id]?.cookieDomain }

    /// Login counters of `tenant` for `host` (one of its patterns), else its "other host" series.
    public func loginMetrics(tenant: Tenant, host: String) -> LoginMetrics? {
        guard let metrics = facts[tenant.id]?.metrics else { return nil }
        let pattern = tenants.match(host: host).flatMap { $0.tenant.id == tenant.id ? $0.pattern : nil }
        return pattern.flatMap { metrics.login[$0] } ?? metrics.loginFromOtherHost
    }

    /// `uitsmijter_logout{tenant}`.
    public func logoutCounter(tenant: Tenant) -> Counter? { facts[tenant.id]?.metrics?.logout }

    /// Joins the refresh of `pending`: `.lead` means run the validation provider, then call
    /// `finishRefresh`; `.wait` means `waiter` will receive the outcome.
    public func joinRefresh(_ pending: PendingRefresh, now: Double,
                            waiter: @escaping RefreshCoordinator.Waiter) -> RefreshCoordinator.Join {
        refreshes.join(pending.key, now: now, waiter: waiter)
    }

    /// Completes a refresh this caller led: issues the new token when the provider still
    /// accepts the user, and wakes every check that waited for it.
    public func finishRefresh(_ pending: PendingRefresh, stillValid: Bool, now: Double) -> RefreshOutcome {
        let outcome = refresh(pending, stillValid: stillValid, now: now)
        refreshes.finish(pending.key, outcome, now: now)
        return outcome
    }

    /// The answer for a check whose refresh ended with `outcome`.
    public func decision(for pending: PendingRefresh, outcome: RefreshOutcome, now: Double) -> Decision {
        switch outcome {
        case .refreshed(let token, let exp):
            pending.counters.interceptor?.success.increment()
            let cookie = settings.cookie.issue(token: token, expires: exp, now: now, domain: pending.cookieDomain)
            return .allow(Grant(token: token, user: pending.token.user, setCookie: cookie, original: pending.original))
        case .rejected:
            pending.counters.interceptor?.failure(.userInvalid).increment()
            return .login(LoginChallenge(location: pending.location, interactive: pending.interactive,
                                         clearCookie: settings.cookie.clear(domain: pending.cookieDomain),
                                         reason: .userInvalid, original: pending.original))
        }
    }

    private func refresh(_ pending: PendingRefresh, stillValid: Bool, now: Double) -> RefreshOutcome {
        guard stillValid,
              let token = try? issuer.refresh(pending.token, now: now, lifetime: .seconds(settings.refresh.lifetime))
        else { return .rejected }
        pending.counters.refresh?.increment()
        return .refreshed(token: token, exp: Double(Claims.wholeSeconds(now) + Int64(settings.refresh.lifetime)))
    }

    private func challenge(tenant: Tenant, original: OriginalRequest, interactive: Bool, clear: Bool,
                           facts: TenantFacts, reason: InterceptorFailureReason) -> LoginChallenge {
        LoginChallenge(location: loginURL(tenant: tenant, original: original), interactive: interactive,
                       clearCookie: clear ? settings.cookie.clear(domain: facts.cookieDomain) : nil,
                       reason: reason, original: original)
    }

    /// `<proto>://<interceptor.domain, else PUBLIC_DOMAIN, else forwarded host>/login?for=<url>&mode=interceptor`.
    public func loginURL(tenant: Tenant, original: OriginalRequest) -> String {
        let host = tenant.interceptor.domain ?? settings.publicDomain ?? original.host
        return "\(original.proto)://\(host)/login?for=\(PercentEncoding.encode(original.url))&mode=interceptor"
    }

    /// XHR and API calls cannot follow a redirect to a login page (SPEC §4.1 step 5).
    static func isInteractive(_ headers: Headers) -> Bool {
        if let requestedWith = headers.valueBytes(.xRequestedWith),
           OriginalRequest.equalsIgnoringCase(OriginalRequest.trimmed(requestedWith), "xmlhttprequest") {
            return false
        }
        guard let accept = headers.valueBytes(.accept) else { return true }
        return contains(accept, "text/html") || contains(accept, "*/*")
    }

    /// Whether `bytes` contain `needle` (case-sensitive, as media types are written).
    private static func contains(_ bytes: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first, bytes.count >= needle.count else { return false }
            var start = bytes.startIndex
            while start <= bytes.endIndex - needle.count {
                if bytes[start] == first && bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
                start += 1
            }
            return false
        }
    }

    /// `Authorization: Bearer <token>` of the original request.
    static func bearer(_ headers: Headers) -> [Substring] {
        guard let value = headers[.authorization] else { return [] }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return [] }
        return [parts[1].trimmingSpaces]
    }

    static func hostWithoutPort(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[...end]) }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }
}
