/// The tenant settings, the same under `config:` (file shape) and `spec:` (Kubernetes shape).
extension TenantDocumentDecoder {
    /// The settings of a tenant without its identity.
    struct Spec {
        var hosts: [String]
        var interceptor: Tenant.Interceptor
        var silentLogin: Bool
        var informations: Tenant.Informations
        var providerScript: String

        func tenant(id: String, name: String, namespace: String?) -> Tenant {
            Tenant(id: id, name: name, namespace: namespace, hosts: hosts, interceptor: interceptor,
                   silentLogin: silentLogin, informations: informations, providerScript: providerScript)
        }
    }

    /// Reads the settings; `nil` if any of them has an error. Valid hosts go to `claims` either way.
    mutating func decodeSpec(_ spec: Fields, claims: inout [HostClaim]) -> Spec? {
        let errorsBefore = errorCount
        let hosts = decodeHosts(spec, claims: &claims)
        let providerScript = decodeProviders(spec)
        var interceptor = Tenant.Interceptor()
        if let node = spec["interceptor"] {
            interceptor = decodeInterceptor(node, path: spec.path("interceptor")) ?? interceptor
        }
        var silentLogin = true
        if let node = spec["silent_login"] {
            silentLogin = bool(node, spec.path("silent_login")) ?? silentLogin
        }
        var informations = Tenant.Informations()
        if let node = spec["informations"] {
            informations = decodeInformations(node, path: spec.path("informations")) ?? informations
        }
        if let node = spec["templates"] {
            let path = spec.path("templates")
            warning(node, path, "\(path) is ignored: the interceptor serves its own login page")
        }
        if let node = spec["jwt_algorithm"] {
            let path = spec.path("jwt_algorithm")
            warning(node, path, "\(Self.subject(path, node)) is ignored: tokens are always signed with HS256")
        }
        warnUnknown(spec, known: ["hosts", "providers", "interceptor", "silent_login", "informations",
                                  "templates", "jwt_algorithm"])
        guard errorCount == errorsBefore, let hosts, let providerScript else { return nil }
        return Spec(hosts: hosts, interceptor: interceptor, silentLogin: silentLogin,
                    informations: informations, providerScript: providerScript)
    }

    private var errorCount: Int { problems.count { $0.severity == .error } }

    private mutating func decodeHosts(_ spec: Fields, claims: inout [HostClaim]) -> [String]? {
        let path = spec.path("hosts")
        guard let node = spec["hosts"] else {
            error(spec.node, path, "\(path) is required")
            return nil
        }
        guard case .sequence(let items) = node.kind else {
            error(node, path, "\(Self.subject(path, node)) must be a list of host names")
            return nil
        }
        guard !items.isEmpty else {
            error(node, path, "\(path) must name at least one host")
            return nil
        }
        var hosts: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let text = item.scalar, let host = HostName.validatedPattern(text) else {
                error(item, itemPath, "\(Self.subject(itemPath, item)) must be a host name or a wildcard like \"*.example.com\"")
                continue
            }
            guard !hosts.contains(host) else {
                warning(item, itemPath, "\(Self.subject(itemPath, item)) is listed more than once")
                continue
            }
            hosts.append(host)
            claims.append(HostClaim(host: host, path: itemPath, subject: Self.subject(itemPath, item), mark: item.mark))
        }
        return hosts
    }

    private mutating func decodeProviders(_ spec: Fields) -> String? {
        let path = spec.path("providers")
        guard let node = spec["providers"] else {
            error(spec.node, path, "\(path) is required")
            return nil
        }
        guard case .sequence(let items) = node.kind else {
            error(node, path, "\(Self.subject(path, node)) must be a list of scripts")
            return nil
        }
        if items.isEmpty {
            warning(node, path, "\(path) is empty, so nobody can log in")
        }
        var scripts: [String] = []
        for (index, item) in items.enumerated() {
            if let script = string(item, "\(path)[\(index)]") { scripts.append(script) }
        }
        return scripts.count == items.count ? scripts.joined(separator: "\n") : nil
    }

    private mutating func decodeInterceptor(_ node: YAMLNode, path: String) -> Tenant.Interceptor? {
        guard let fields = fields(node, path: path) else { return nil }
        var interceptor = Tenant.Interceptor()
        if let node = fields["enabled"] {
            interceptor.enabled = bool(node, fields.path("enabled")) ?? true
        }
        if let node = fields["domain"] {
            interceptor.domain = hostName(node, fields.path("domain"))
        }
        if let node = fields["cookie"] {
            let cookiePath = fields.path("cookie")
            // RFC 6265 §5.2.3: a leading dot is ignored.
            if let text = node.scalar, let domain = HostName.validated(text.hasPrefix(".") ? String(text.dropFirst()) : text) {
                interceptor.cookieDomain = domain
                if let login = interceptor.domain, !HostName.host(Substring(login), isInside: domain) {
                    warning(node, cookiePath, "\(Self.subject(cookiePath, node)) does not contain "
                            + "\(fields.path("domain")) (\"\(login)\"), so browsers will refuse the cookie")
                }
            } else {
                error(node, cookiePath, "\(Self.subject(cookiePath, node)) must be a domain like \".example.com\"")
            }
        }
        warnUnknown(fields, known: ["enabled", "domain", "cookie"])
        return interceptor
    }

    private mutating func decodeInformations(_ node: YAMLNode, path: String) -> Tenant.Informations? {
        guard let fields = fields(node, path: path) else { return nil }
        var informations = Tenant.Informations()
        informations.imprintURL = fields["imprint_url"].flatMap { webURL($0, fields.path("imprint_url")) }
        informations.privacyURL = fields["privacy_url"].flatMap { webURL($0, fields.path("privacy_url")) }
        informations.registerURL = fields["register_url"].flatMap { webURL($0, fields.path("register_url")) }
        warnUnknown(fields, known: ["imprint_url", "privacy_url", "register_url"])
        return informations
    }
}
