/// The JOSE header check (RFC 7515 §4): `alg` pinned to `HS256`, no `crit`, `typ` only `JWT`.
enum TokenHeader {
    /// `{"alg":"HS256","typ":"JWT"}` as base64url: what we, PyJWT and most libraries write, accepted
    /// without decoding.
    static let canonical = Array("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9".utf8)

    /// The decoded header written by `TokenIssuer`.
    static let canonicalJSON = #"{"alg":"HS256","typ":"JWT"}"#

    /// Checks the base64url header segment.
    static func check(segment: UnsafeRawBufferPointer) throws(TokenError) {
        if segment.elementsEqual(canonical) { return }
        guard let count = Base64URL.decodedCount(segment.count) else { throw .malformed }
        let result = withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { json -> Result<Void, TokenError> in
            guard Base64URL.decode(segment, into: json) == count else { return .failure(.malformed) }
            return Result { () throws(TokenError) in try check(json: UnsafeRawBufferPointer(json)) }
        }
        try result.get()
    }

    /// Checks a decoded header. Unknown members (`kid`, `cty`, …) are allowed; repeated `alg`,
    /// `typ` or `crit` are not, since libraries disagree about which one wins.
    static func check(json: UnsafeRawBufferPointer) throws(TokenError) {
        var scanner = JSONScanner(json)
        var algorithmIsHS256: Bool?
        var sawType = false, typeIsJWT = true, sawCritical = false
        let parsed = scanner.scanObject { scanner, key in
            if scanner.string(key, equals: "alg") {
                guard algorithmIsHS256 == nil, let value = scanner.scanString() else { return false }
                algorithmIsHS256 = scanner.string(value, equals: "HS256")
            } else if scanner.string(key, equals: "typ") {
                guard !sawType, let value = scanner.scanString() else { return false }
                sawType = true
                // "JWT" in any case (RFC 7519 §5.1 recommends upper case, §5.1 allows others).
                typeIsJWT = scanner.string(value).utf8.map { $0 | 0x20 }.elementsEqual("jwt".utf8)
            } else if scanner.string(key, equals: "crit") {
                sawCritical = true
                return scanner.skipValue(depth: 1)
            } else {
                return scanner.skipValue(depth: 1)
            }
            return true
        }
        guard parsed, scanner.isFinished(), typeIsJWT, !sawCritical else { throw .badHeader }
        guard algorithmIsHS256 == true else { throw .unsupportedAlgorithm }
    }
}
