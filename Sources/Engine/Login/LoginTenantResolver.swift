/// Which tenant a login or logout belongs to (SPEC §4.2).
public enum LoginTenantResolver {
    /// The tenant of the host in `target` (`for` on GET, `location` on POST) when it is a strict
    /// absolute http(s) URL of a configured host; else the tenant of `requestHost` (the forwarded
    /// host, else `Host`); `nil` when neither has one (→ `ErrorPage.noTenant`).
    public static func tenant(target: String?, requestHost: String, in tenants: Tenants) -> Tenant? {
        if let target, let host = RedirectTarget.host(of: target), let tenant = tenants.tenant(forHost: host) {
            return tenant
        }
        return tenants.tenant(forHost: requestHost)
    }
}
