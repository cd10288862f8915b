extension Claims {
    /// The claims of a fresh login (SPEC §5): `iss` is the login host, `sub` the provider's
    /// subject else the username, `iat`/`auth_time` now and `exp` now + lifetime, whole seconds.
    /// `responsibility` binds the token to the tenant, or to `host` when `silent_login: false`.
    public static func login(tenant: Tenant, user: String, subject: String?, role: String?, roles: [String]? = nil,
                             profile: JSONValue?, issuer: String, host: String, now: Double, lifetime: Int) -> Claims {
        let issued = Double(wholeSeconds(now))
        return Claims(iss: issuer, sub: subject ?? user, exp: issued + Double(lifetime), iat: issued,
                      authTime: issued, tenant: tenant.id, role: role ?? "default", user: user,
                      profile: profile,
                      responsibility: tenant.silentLogin ? Responsibility.of(tenantName: tenant.name)
                                                         : Responsibility.of(host: host),
                      roles: roles)
    }
}
