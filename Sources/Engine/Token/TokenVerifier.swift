/// Checks HS256 tokens for the hot path (`/interceptor`, `/auth_request`): SPEC §5.
///
/// Order, cheapest and least trusting first: size cap; exactly three non-empty base64url segments;
/// the header (`alg` pinned to `HS256`); the signature under the current, then the previous
/// secrets, before any payload byte is decoded; then the claims. `exp` is mandatory.
public struct TokenVerifier: Sendable {
    public let algorithm: HS256
    public let limits: TokenLimits

    /// A verifier for tokens signed with `secret` or, during a rotation, one of `previousSecrets`.
    /// Empty secrets are ignored: with only empty secrets nothing verifies.
    public init(secret: [UInt8], previousSecrets: [[UInt8]] = [], limits: TokenLimits = TokenLimits()) {
        algorithm = HS256(current: secret, previous: previousSecrets)
        self.limits = limits
    }

    /// Verifies `token` for `tenant` at `now` (seconds since the epoch). When `responsibility` is
    /// given the token must carry exactly that `responsibility` claim; a token without one is
    /// refused (Uitsmijter always writes it, so its absence means the token is not for this host).
    public func verify(_ token: Substring, now: Double, tenant: String,
                       responsibility: String?) throws(TokenError) -> VerifiedToken {
        let result = token.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(TokenError) in
                try verify(UnsafeRawBufferPointer(bytes), now: now, tenant: tenant, responsibility: responsibility)
            }
        }
        if let result { return try result.get() }
        return try verify(Array(token.utf8), now: now, tenant: tenant, responsibility: responsibility)
    }

    /// Verifies `token` given as bytes (see the `Substring` variant).
    public func verify(_ token: [UInt8], now: Double, tenant: String,
                       responsibility: String?) throws(TokenError) -> VerifiedToken {
        try token.withUnsafeBytes { bytes in
            Result { () throws(TokenError) in
                try verify(bytes, now: now, tenant: tenant, responsibility: responsibility)
            }
        }.get()
    }

    /// Verifies `token` in borrowed memory (see the `Substring` variant).
    public func verify(_ token: UnsafeRawBufferPointer, now: Double, tenant: String,
                       responsibility: String?) throws(TokenError) -> VerifiedToken {
        guard token.count <= limits.maximumSize else { throw .tooLarge }
        let parts = try TokenParts(token)
        try TokenHeader.check(segment: parts.header)
        try checkSignature(parts)
        guard let payload = Base64URL.decode(parts.payload) else { throw .malformed }
        return try payload.withUnsafeBytes { json in
            Result { () throws(TokenError) in
                try claims(in: json, payload: payload, now: now, tenant: tenant, responsibility: responsibility)
            }
        }.get()
    }

    private func checkSignature(_ parts: TokenParts) throws(TokenError) {
        guard parts.signature.count == 43 else { throw .badSignature } // 32 bytes in base64url
        let valid = withUnsafeTemporaryAllocation(byteCount: HS256.signatureCount, alignment: 1) { signature -> Bool? in
            guard Base64URL.decode(parts.signature, into: signature) == HS256.signatureCount else { return nil }
            return algorithm.isValid(signature: UnsafeRawBufferPointer(signature), for: parts.signingInput)
        }
        guard let valid else { throw .malformed }
        guard valid else { throw .badSignature }
    }

    private func claims(in json: UnsafeRawBufferPointer, payload: [UInt8], now: Double, tenant: String,
                        responsibility: String?) throws(TokenError) -> VerifiedToken {
        var scanner = JSONScanner(json)
        var claims = PayloadScanner()
        try claims.scan(&scanner)
        guard let exp = claims.exp else { throw .missingExpiry }
        guard exp > now else { throw .expired }
        if let nbf = claims.nbf, nbf > now { throw .notYetValid }
        guard let tokenTenant = claims.tenant, scanner.string(tokenTenant, equals: tenant) else { throw .wrongTenant }
        if let responsibility {
            guard let claimed = claims.responsibility, scanner.string(claimed, equals: responsibility) else {
                throw .wrongResponsibility
            }
        }
        return VerifiedToken(
            exp: exp, iat: claims.iat, nbf: claims.nbf, tenant: tenant,
            responsibility: responsibility ?? claims.responsibility.map(scanner.string),
            user: claims.user.map(scanner.string), sub: claims.sub.map(scanner.string),
            payload: payload)
    }
}
