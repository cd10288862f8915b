/// The stateless `csrf` field of the login form (SPEC §4.2).
///
/// `base64url(issuedAt ‖ HMAC-SHA256(secret, "interceptor-csrf:" + loginHost + ":" + issuedAt))`,
/// where `issuedAt` is 8 bytes big-endian of whole Unix seconds: 40 bytes, 54 characters. The
/// prefix keeps these MACs apart from token signatures made with the same secret. Nothing is
/// stored, so any sidecar holding the secret verifies any other's form. Time and secret are
/// parameters: the Engine never reads a clock.
public enum CSRFToken {
    /// How long a form stays usable. Default: 1 hour.
    public static let lifetime: Int64 = 3600
    /// How far in the future an issue time may lie (clocks of several sidecars). Default: 60 s.
    public static let allowedSkew: Int64 = 60
    /// Characters in every token.
    public static let length = 54

    /// A token for a form shown on `loginHost` at `now` (Unix seconds).
    public static func issue(secret: [UInt8], loginHost: String, now: Double) -> String {
        let issuedAt = wholeSeconds(now)
        var bytes = [UInt8]()
        bytes.reserveCapacity(40)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: issuedAt >> shift)) }
        bytes += mac(secret: secret, loginHost: loginHost, issuedAt: issuedAt)
        return Base64URL.encode(bytes)
    }

    /// Whether `token` was issued with `secret` for `loginHost` at most `lifetime` seconds before
    /// `now` and at most `allowedSkew` after it. An empty secret verifies nothing.
    public static func verify(_ token: String, secret: [UInt8], loginHost: String, now: Double) -> Bool {
        guard !secret.isEmpty, token.utf8.count == length, let bytes = Base64URL.decode(token), bytes.count == 40
        else { return false }
        var issuedAt: Int64 = 0
        for byte in bytes[0..<8] { issuedAt = issuedAt << 8 | Int64(byte) }
        let expected = mac(secret: secret, loginHost: loginHost, issuedAt: issuedAt)
        // The MAC first, in constant time: the time window is checked only on authentic tokens.
        guard expected.count == 32, Crypto.constantTimeEqual(expected, Array(bytes[8...])) else { return false }
        let current = wholeSeconds(now)
        guard (-1_000_000_000_000...1_000_000_000_000).contains(issuedAt) else { return false }
        return issuedAt <= current + allowedSkew && current - issuedAt <= lifetime
    }

    private static func mac(secret: [UInt8], loginHost: String, issuedAt: Int64) -> [UInt8] {
        let message = "interceptor-csrf:" + loginHost.lowercased() + ":" + String(issuedAt)
        return Crypto.hmacSHA256(key: secret, message: Array(message.utf8))
    }

    /// `now` rounded down, clamped to ±10^12 s so the arithmetic above cannot overflow.
    private static func wholeSeconds(_ now: Double) -> Int64 {
        guard !now.isNaN else { return 0 }
        let clamped = min(max(now, -1e12), 1e12)
        let truncated = Int64(clamped)
        return Double(truncated) > clamped ? truncated - 1 : truncated
    }
}
