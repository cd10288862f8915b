/// A token whose signature and claims `TokenVerifier` accepted: the claims the check needs.
///
/// Only the verifier creates one, so `TokenIssuer.refresh` can trust its payload.
public struct VerifiedToken: Sendable, Equatable {
    /// `exp`, seconds since the epoch (fractional as written by Uitsmijter).
    public let exp: Double
    /// `iat`, if present: with `exp` it gives the lifetime for the refresh rule.
    public let iat: Double?
    /// `nbf`, if present.
    public let nbf: Double?
    /// `tenant`: equal to the tenant the verifier was asked for.
    public let tenant: String
    /// `responsibility`, if present.
    public let responsibility: String?
    /// `user`, if present (the `Remote-User` answer).
    public let user: String?
    /// `sub`, if present.
    public let sub: String?
    /// The decoded payload JSON, read again only when refreshing.
    let payload: [UInt8]
}
