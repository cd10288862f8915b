/// Every per-tenant series of one tenant, resolved once when its configuration loads.
///
/// Keep it beside the tenant (or beside each host of the tenant's host table): recording
/// is then a lock-free atomic add, with no label lookup per request.
public struct TenantMetrics: Sendable {
    /// The tenant id, the `tenant` label.
    public let tenant: String
    /// The check's counters by configured host pattern, exactly as in `Tenant.hosts`
    /// (`*.apps.example.net` for every host the wildcard matches).
    public let interceptor: [String: InterceptorCounters]
    /// Login counters by configured host pattern of the `for`/`location` URL.
    public let login: [String: LoginMetrics]
    /// Login counters when the URL's host is none of the tenant's: `forward_host="unknown"`.
    public let loginFromOtherHost: LoginMetrics
    /// `uitsmijter_logout{mode="interceptor",tenant}`
    public let logout: Counter
    /// `interceptor_token_refresh_total{tenant}`: refreshes that issued a new token.
    public let tokenRefresh: Counter

    init(metrics: InterceptorMetrics, tenant: Tenant) {
        self.tenant = tenant.id
        var interceptor: [String: InterceptorCounters] = [:]
        var login: [String: LoginMetrics] = [:]
        for host in tenant.hosts {
            interceptor[host] = InterceptorCounters(metrics: metrics, requestedHost: host, tenant: tenant.id)
            login[host] = LoginMetrics(metrics: metrics, forwardHost: host, tenant: tenant.id)
        }
        self.interceptor = interceptor
        self.login = login
        loginFromOtherHost = LoginMetrics(metrics: metrics, forwardHost: InterceptorMetrics.unknown, tenant: tenant.id)
        logout = metrics.logout.labels(InterceptorMetrics.mode, tenant.id)
        tokenRefresh = metrics.tokenRefresh.labels(tenant.id)
    }
}
