/// What a check concluded, independent of the proxy; one writer per endpoint maps it to bytes.
public enum Decision: Sendable {
    /// Logged in: pass with the token for the upstream.
    case allow(Grant)
    /// Logged in but at least 3/4 of the token's lifetime is gone and the tenant has a
    /// `UserValidationProvider`: ask it, then `Authorizer.finishRefresh`.
    case validate(PendingRefresh)
    /// Not logged in: send the browser to the login page (or 401 for XHR/API calls).
    case login(LoginChallenge)
    /// No tenant for the host, or the tenant does not use the interceptor.
    case deny(DenyReason)
}

/// A passed check.
public struct Grant: Sendable, Equatable {
    /// The token for `Authorization: Bearer`: the new one after a refresh.
    public let token: String
    /// `user` claim, for `Remote-User`.
    public let user: String?
    /// The new cookie after a refresh, else nil.
    public let setCookie: String?
    public let original: OriginalRequest
}

/// A failed check that the browser can fix by logging in.
public struct LoginChallenge: Sendable, Equatable {
    /// Absolute login URL with the original URL in `for`.
    public let location: String
    /// false for XHR and API calls: they get 401 without `Location`.
    public let interactive: Bool
    /// Clears a cookie that was present but invalid.
    public let clearCookie: String?
    public let reason: InterceptorFailureReason
    public let original: OriginalRequest
}

/// Why a check is refused outright (403).
public enum DenyReason: Sendable, Equatable {
    case noTenant
    case tenantNotAllowed

    public var failure: InterceptorFailureReason { self == .noTenant ? .noTenant : .tenantNotAllowed }
}
