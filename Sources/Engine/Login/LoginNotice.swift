/// The one error line a login page may show, and the status it is sent with.
///
/// Failures share one generic message, so the page never tells whether a username exists.
public enum LoginNotice: Sendable, Equatable {
    /// The provider said no (403).
    case wrongCredentials
    /// The `csrf` field was missing, forged or older than an hour (403).
    case formExpired
    /// The brute-force limiter blocked the attempt (429, with `Retry-After`).
    case tooManyAttempts(retryAfter: Int)
    /// The provider failed or timed out (503).
    case unavailable

    public var message: String {
        switch self {
        case .wrongCredentials:
            return "Wrong username or password."
        case .formExpired:
            return "The login form has expired. Please try again."
        case .tooManyAttempts(let retryAfter):
            let minutes = max(1, (retryAfter + 59) / 60)
            return "Too many failed attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
        case .unavailable:
            return "Login is unavailable right now. Please try again in a moment."
        }
    }

    public var status: Int {
        switch self {
        case .wrongCredentials, .formExpired: 403
        case .tooManyAttempts: 429
        case .unavailable: 503
        }
    }
}
