/// One validated tenant: the hosts it protects, how it logs in, and its provider scripts.
public struct Tenant: Sendable, Equatable {
    /// The interceptor settings (`interceptor:` block).
    public struct Interceptor: Sendable, Equatable {
        /// `false` answers 403 to every check. Default: `true` (also without the block).
        public var enabled: Bool
        /// The login host, lowercased. Default: `nil` (then `PUBLIC_DOMAIN` or the forwarded host).
        public var domain: String?
        /// The cookie `Domain`, lowercased and without a leading dot. Default: `nil` (then `domain`).
        public var cookieDomain: String?

        public init(enabled: Bool = true, domain: String? = nil, cookieDomain: String? = nil) {
            self.enabled = enabled
            self.domain = domain
            self.cookieDomain = cookieDomain
        }
    }

    /// Links shown on the login page (`informations:` block); absolute http(s) URLs.
    public struct Informations: Sendable, Equatable {
        public var imprintURL: String?
        public var privacyURL: String?
        public var registerURL: String?

        public init(imprintURL: String? = nil, privacyURL: String? = nil, registerURL: String? = nil) {
            self.imprintURL = imprintURL
            self.privacyURL = privacyURL
            self.registerURL = registerURL
        }
    }

    /// `<namespace>/<name>`, or `<name>` for a file-shape tenant or one without namespace.
    public var id: String
    public var name: String
    public var namespace: String?
    /// Lowercased host names and wildcards (`*.apps.example.net`), in file order.
    public var hosts: [String]
    public var interceptor: Interceptor
    /// Whether a valid token skips the login form. Default: `true`.
    public var silentLogin: Bool
    public var informations: Informations
    /// The `providers` scripts joined with a newline.
    public var providerScript: String

    public init(id: String, name: String, namespace: String?, hosts: [String], interceptor: Interceptor,
                silentLogin: Bool, informations: Informations, providerScript: String) {
        self.id = id
        self.name = name
        self.namespace = namespace
        self.hosts = hosts
        self.interceptor = interceptor
        self.silentLogin = silentLogin
        self.informations = informations
        self.providerScript = providerScript
    }

    /// Whether `host` belongs to this tenant, for redirect targets: one of its hosts,
    /// or inside its cookie domain on a label boundary.
    ///
    /// `host` may carry a `:port` and a trailing dot, and any case.
    public func contains(host: String) -> Bool {
        guard let host = HostName.normalized(host) else { return false }
        if let cookieDomain = interceptor.cookieDomain, HostName.host(host, isInside: cookieDomain) {
            return true
        }
        return hosts.contains { pattern in
            if pattern.hasPrefix("*.") {
                return HostName.parent(of: host).map { $0.utf8.elementsEqual(pattern.utf8.dropFirst(2)) } ?? false
            }
            return host == pattern
        }
    }
}
