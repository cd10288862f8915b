/// The full Uitsmijter claim set (SPEC §5), for issuing and refreshing; the hot path reads only
/// `VerifiedToken`.
///
/// NumericDates (`exp`, `iat`, `auth_time`) are read with fractions and written as whole seconds,
/// rounded down. Claims this type does not name are kept verbatim, in order, in `other`.
public struct Claims: Sendable, Equatable {
    /// `iss`: `<proto>://<login host>`.
    public var iss: String
    /// `sub`: the provider's subject, else the username.
    public var sub: String
    /// `aud`: `"unknown"` without a client.
    public var aud: Audience
    public var exp: Double
    public var iat: Double
    /// `auth_time`: when the user logged in; kept across refreshes.
    public var authTime: Double
    /// `tenant`: the tenant id.
    public var tenant: String
    /// `role`. Default: `"default"`.
    public var role: String
    /// `user`: the username as typed.
    public var user: String
    /// `scope`. Default: `""`.
    public var scope: String
    /// `profile`: the provider's `userProfile`, any JSON.
    public var profile: JSONValue?
    public var responsibility: String?
    public var roles: [String]?
    /// Every other claim, verbatim and in the order read.
    public var other: [JSONMember]

    public init(iss: String, sub: String, aud: Audience = .one("unknown"), exp: Double, iat: Double,
                authTime: Double, tenant: String, role: String = "default", user: String, scope: String = "",
                profile: JSONValue? = nil, responsibility: String? = nil, roles: [String]? = nil,
                other: [JSONMember] = []) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.exp = exp
        self.iat = iat
        self.authTime = authTime
        self.tenant = tenant
        self.role = role
        self.user = user
        self.scope = scope
        self.profile = profile
        self.responsibility = responsibility
        self.roles = roles
        self.other = other
    }
}

/// The `aud` claim: one string or an array of strings (RFC 7519 §4.1.3).
public enum Audience: Sendable, Equatable {
    case one(String)
    case many([String])
}
