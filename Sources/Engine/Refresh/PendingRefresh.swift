/// A refresh waiting for the tenant's `UserValidationProvider`.
public struct PendingRefresh: Sendable {
    /// Identifies the old token: concurrent checks with the same token share one refresh.
    public let key: String
    public let token: VerifiedToken
    public let tenant: Tenant
    /// The user the provider is asked about (`user` claim, else `sub`).
    public let username: String
    public let cookieDomain: String?
    public let original: OriginalRequest
    public let interactive: Bool
    public let location: String
    /// Counters of the tenant and host pattern the check matched.
    let counters: CheckCounters
}

/// How a refresh ended; shared by every check that waited for it.
public enum RefreshOutcome: Sendable, Equatable {
    /// The new token and its `exp`.
    case refreshed(token: String, exp: Double)
    /// The provider said the user is no longer valid, or it failed: log out.
    case rejected
}
