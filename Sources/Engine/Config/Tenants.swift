/// The validated, immutable set of tenants, with the host lookup every check runs.
///
/// Built only by `TenantsLoader`, which guarantees that no host pattern is claimed twice.
public struct Tenants: Sendable {
    /// Every tenant, sorted by id.
    public let all: [Tenant]
    private let byID: [String: Tenant]
    /// Exact host → tenant.
    private let exact: [Substring: Tenant]
    /// Parent domain of a wildcard (`apps.example.net` for `*.apps.example.net`) → tenant.
    private let wildcards: [Substring: Tenant]

    /// No tenants: every check answers 403.
    public static let empty = Tenants(validated: [])

    init(validated tenants: [Tenant]) {
        all = tenants.sorted { $0.id < $1.id }
        var byID: [String: Tenant] = [:]
        var exact: [Substring: Tenant] = [:]
        var wildcards: [Substring: Tenant] = [:]
        for tenant in all {
            byID[tenant.id] = tenant
            for host in tenant.hosts {
                if host.hasPrefix("*.") {
                    wildcards[host.dropFirst(2)] = tenant
                } else {
                    exact[Substring(host)] = tenant
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
    public func tenant(forHost host: String) -> Tenant? {
        guard let host = HostName.normalized(host) else { return nil }
        if let tenant = exact[host] { return tenant }
        guard let parent = HostName.parent(of: host) else { return nil }
        return wildcards[parent]
    }
}
