/// When a token is refreshed on the way through (SPEC §4.1 step 4).
public struct RefreshPolicy: Sendable, Equatable {
    /// Share of the lifetime after which a token is refreshed. Default: 3/4.
    public var threshold: Double = 0.75
    /// Lifetime of issued tokens and cookies, in whole seconds. Default: 7 days.
    public var lifetime: Int = 7 * 86_400

    public init(threshold: Double = 0.75, lifetime: Int = 7 * 86_400) {
        self.threshold = threshold
        self.lifetime = lifetime
    }

    /// True once `threshold` of the token's own lifetime (`exp - iat`) has passed. A token
    /// without `iat` is measured against the configured lifetime.
    public func isDue(iat: Double?, exp: Double, now: Double) -> Bool {
        let issued = iat ?? (exp - Double(lifetime))
        let lifetime = exp - issued
        guard lifetime > 0 else { return true }
        return now >= issued + lifetime * threshold
    }
}
