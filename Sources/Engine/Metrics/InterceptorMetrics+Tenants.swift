extension InterceptorMetrics {
    /// Prepares the per-tenant series for a (re)loaded configuration: drops the series of
    /// tenants and hosts that are gone, sets `uitsmijter_tenants_count`, and resolves every
    /// tenant's counters (they show as 0 until used). Keyed by tenant id.
    ///
    /// Series that remain keep their counts: resolving returns the same objects, so
    /// checks still running on the previous configuration lose nothing.
    public func load(_ tenants: Tenants) -> [String: TenantMetrics] {
        retain(tenants)
        tenantsCount.set(tenants.count)
        var byTenant: [String: TenantMetrics] = [:]
        for tenant in tenants.all {
            byTenant[tenant.id] = TenantMetrics(metrics: self, tenant: tenant)
        }
        return byTenant
    }

    /// Keeps only the series of `tenants` and their configured hosts (plus the `unknown` placeholders).
    public func retain(_ tenants: Tenants) {
        var hostsByTenant: [String: Set<String>] = [:]
        for tenant in tenants.all {
            hostsByTenant[tenant.id] = Set(tenant.hosts).union([Self.unknown])
        }
        let isKept = { (labels: [String: String]) -> Bool in
            guard let tenant = labels["tenant"] else { return true }
            let host = labels["requested_host"] ?? labels["forward_host"]
            if tenant == Self.unknown, host == Self.unknown { return true }
            guard let hosts = hostsByTenant[tenant] else { return false }
            return host.map(hosts.contains) ?? true
        }
        interceptorSuccess.retain(where: isKept)
        interceptorFailure.retain(where: isKept)
        loginSuccess.retain(where: isKept)
        loginFailure.retain(where: isKept)
        logout.retain(where: isKept)
        loginAttempts.retain(where: isKept)
        tokenRefresh.retain(where: isKept)
    }
}
