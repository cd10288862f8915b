/// Signs tokens: for logins, refreshes and `interceptor token` (SPEC §1, §4.1 step 4, §5).
public struct TokenIssuer: Sendable {
    private let secret: [UInt8]

    /// An issuer signing with `secret`, the current secret; throws `.emptySecret` if it is empty.
    public init(secret: [UInt8]) throws(TokenError) {
        guard !secret.isEmpty else { throw .emptySecret }
        self.secret = secret
    }

    /// A compact JWT with the header `{"alg":"HS256","typ":"JWT"}` and `claims` as payload.
    public func issue(_ claims: Claims) -> String {
        var token = TokenHeader.canonical
        token.append(UInt8(ascii: "."))
        token.append(contentsOf: Base64URL.encode(claims.json).utf8)
        let signature = HS256.sign(token, key: secret)
        token.append(UInt8(ascii: "."))
        token.append(contentsOf: Base64URL.encode(signature).utf8)
        return String(decoding: token, as: UTF8.self)
    }

    /// A new token with the claims of `token`, including unknown ones, but `iat` = `now` and
    /// `exp` = `now` + `lifetime`, both in whole seconds; `auth_time` stays. Throws if the payload
    /// lacks a claim Uitsmijter requires (see `Claims.init(json:)`).
    public func refresh(_ token: VerifiedToken, now: Double, lifetime: Duration) throws(TokenError) -> String {
        var claims = try Claims(json: token.payload)
        claims.iat = Double(Claims.wholeSeconds(now))
        claims.exp = claims.iat + Double(lifetime.components.seconds)
        return issue(claims)
    }
}
