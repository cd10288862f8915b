/// Settings of the check that do not come from tenant files (SPEC §1).
public struct CheckSettings: Sendable, Equatable {
    public var cookie: CookiePolicy
    public var refresh: RefreshPolicy
    /// Login host when a tenant has no `interceptor.domain`. Default: the forwarded host.
    public var publicDomain: String?
    /// Scheme assumed without a trusted `X-Forwarded-Proto`: https when cookies are `Secure`.
    public var secureByDefault: Bool

    public init(cookie: CookiePolicy = CookiePolicy(), refresh: RefreshPolicy = RefreshPolicy(),
                publicDomain: String? = nil, secureByDefault: Bool = true) {
        self.cookie = cookie
        self.refresh = refresh
        self.publicDomain = publicDomain
        self.secureByDefault = secureByDefault
    }
}
