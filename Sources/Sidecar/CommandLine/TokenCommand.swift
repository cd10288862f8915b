import Engine

/// `interceptor token`: prints a token signed with the configured secret (scripts, tests).
enum TokenCommand {
    static func run(_ options: ServeOptions, _ token: TokenOptions, environment: [String: String]) -> Int32 {
        let secrets: Secrets
        let tenants: Tenants
        do {
            secrets = try Secrets.load(environment: environment, secretFile: options.secretFile)
            tenants = try TenantDirectory.load(options.tenantsDirectory).tenants
        } catch {
            ProcessEnvironment.printError("interceptor: \(error)")
            return 78
        }
        guard let tenant = tenants.tenant(id: token.tenant) else {
            ProcessEnvironment.printError("interceptor: no tenant \"\(token.tenant)\" in \(options.tenantsDirectory)")
            return 78
        }
        var profile: JSONValue?
        if let text = token.profile {
            guard let parsed = JSONValue(parsing: Array(text.utf8)) else {
                ProcessEnvironment.printError("interceptor: --profile \"\(text)\" is not JSON")
                return 2
            }
            profile = parsed
        }
        let host = tenant.interceptor.domain ?? tenant.hosts.first { !$0.hasPrefix("*") } ?? tenant.hosts.first ?? ""
        let claims = Claims.login(tenant: tenant, user: token.user, subject: token.subject, role: token.role,
                                  profile: profile, issuer: (options.secure ? "https://" : "http://") + host,
                                  host: host, now: WallClock.now(), lifetime: token.ttl ?? options.tokenLifetime)
        do {
            print(try TokenIssuer(secret: secrets.current).issue(claims))
            return 0
        } catch {
            ProcessEnvironment.printError("interceptor: the JWT secret is empty")
            return 78
        }
    }
}
