/// Why a token was refused or could not be issued. Descriptions never contain the token or any
/// value taken from it, so they are safe to log; `reason` is a short stable label for metrics.
public enum TokenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Longer than `TokenLimits.maximumSize`.
    case tooLarge
    /// Not exactly three non-empty, strict unpadded base64url segments separated by dots.
    case malformed
    /// The header is not a JSON object, names a `crit` extension, has a `typ` other than `JWT`,
    /// has an `alg` that is not a string, or repeats `alg`, `typ` or `crit`.
    case badHeader
    /// The header's `alg` is missing or a string other than exactly `HS256`.
    case unsupportedAlgorithm
    /// No configured secret produces the signature (always so when every secret is empty).
    case badSignature
    /// The payload is not one JSON object, or repeats a claim.
    case badPayload
    /// The payload has no `exp` claim.
    case missingExpiry
    /// A registered claim has the wrong JSON type or an impossible value; carries the claim name.
    case invalidClaim(String)
    /// `exp` is not after now.
    case expired
    /// `nbf` is after now.
    case notYetValid
    /// `tenant` is missing or names another tenant.
    case wrongTenant
    /// `responsibility` is missing or does not match the one expected for the request.
    case wrongResponsibility
    /// Issuing needs a non-empty secret.
    case emptySecret

    public var description: String {
        switch self {
        case .tooLarge: "The token is longer than the 8 KiB limit."
        case .malformed: "The token is not three unpadded base64url segments separated by dots."
        case .badHeader: "The token header is not a plain JWT header (not a JSON object, \"crit\" present, \"typ\" not \"JWT\", or a repeated member)."
        case .unsupportedAlgorithm: "The token header's \"alg\" is not \"HS256\"."
        case .badSignature: "The token signature does not match any configured secret."
        case .badPayload: "The token payload is not a single JSON object with unique claims."
        case .missingExpiry: "The token has no \"exp\" claim."
        case .invalidClaim(let name): "The token's \"\(name)\" claim has the wrong type or an impossible value."
        case .expired: "The token has expired."
        case .notYetValid: "The token's \"nbf\" lies in the future."
        case .wrongTenant: "The token's \"tenant\" claim does not name the expected tenant."
        case .wrongResponsibility: "The token's \"responsibility\" claim does not match the requested host or tenant."
        case .emptySecret: "The secret used to sign tokens is empty."
        }
    }

    /// A short label for logs and metrics (`auth.reason=`).
    public var reason: String {
        switch self {
        case .tooLarge: "too_large"
        case .malformed: "malformed"
        case .badHeader: "bad_header"
        case .unsupportedAlgorithm: "unsupported_algorithm"
        case .badSignature: "bad_signature"
        case .badPayload: "bad_payload"
        case .missingExpiry: "missing_expiry"
        case .invalidClaim: "invalid_claim"
        case .expired: "expired"
        case .notYetValid: "not_yet_valid"
        case .wrongTenant: "wrong_tenant"
        case .wrongResponsibility: "wrong_responsibility"
        case .emptySecret: "empty_secret"
        }
    }
}
