/// The validated, immutable set of tenants, with the host lookup every check runs.
///
/// Built only by `TenantsLoader`, which guarantees that no host pattern is claimed twice.
public struct Tenants: Sendable {
    /// Every tenant, sorted by id.
    public let all: [Tenant]
    private let byID: [String: Tenant]
    /// Exact host → tenant.
    private let exact: [Substring: HostMatch]
    /// Parent domain of a wildcard (`apps.example.net` for `*.apps.example.net`) → tenant.
    private let wildcards: [Substring: HostMatch]

    /// No tenants: every check answers 403.
    public static let empty = Tenants(validated: [])

    init(validated tenants: [Tenant]) {
        all = tenants.sorted { $0.id < $1.id }
        var byID: [String: Tenant] = [:]
        var exact: [Substring: HostMatch] = [:]
        var wildcards: [Substring: HostMatch] = [:]
        for tenant in all {
            byID[tenant.id] = tenant
            for host in tenant.hosts {
                let match = HostMatch(tenant: tenant, pattern: host)
                if host.hasPrefix("*.") {
                    wildcards[host.dropFirst(2)] = match
                } else {
                    exact[Substring(host)] = match
                }
            }
        }
        self.byID = byID
        self.exact = exact
        self.wildcards = wildcards
    }

    public var count: Int { all.count }

    /// The tenant with this id (`<namespace>/<name>` or `<name>`).
    public func tenant(id: String) -> Tenant? { byID[id] }

    /// The tenant whose hosts match `host`: an exact host first, else a wildcard whose
    /// `*` stands for exactly one label. Case-insensitive; a `:port` and a trailing dot
    /// are ignored (`Shop.Example.NET.:8443` finds `shop.example.net`).
    public func tenant(forHost host: String) -> Tenant? { match(host: host)?.tenant }

    /// The tenant for `host` (as `tenant(forHost:)`) and which of its host patterns matched:
    /// metrics count by pattern, so a wildcard never turns request hosts into label values.
    public func match(host: String) -> HostMatch? {
        guard let host = HostName.normalized(host) else { return nil }
        if let match = exact[host] { return match }
        guard let parent = HostName.parent(of: host) else { return nil }
        return wildcards[parent]
    }
}

/// A tenant found for a host, with the configured pattern that matched.
public struct HostMatch: Sendable {
    public let tenant: Tenant
    /// An entry of `tenant.hosts`, e.g. `*.apps.example.net`.
    public let pattern: String
}
