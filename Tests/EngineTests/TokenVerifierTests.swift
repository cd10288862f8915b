import Testing
@testable import Engine

@Suite struct TokenVerifierTests {
    typealias T = TokenBuilder
    let verifier = TokenVerifier(secret: T.secret, previousSecrets: [Array("old secret".utf8)])

    func verify(_ token: String, now: Double = T.now, tenant: String = T.tenant,
                responsibility: String? = T.responsibility) throws(TokenError) -> VerifiedToken {
        try verifier.verify(Substring(token), now: now, tenant: tenant, responsibility: responsibility)
    }

    @Test func acceptsAValidToken() throws {
        let token = try verify(T.token(payload: T.payload(extra: #""iat":1733299000"#)))
        #expect(token.exp == 1_733_303_600)
        #expect(token.iat == 1_733_299_000)
        #expect(token.nbf == nil)
        #expect(token.tenant == "shop")
        #expect(token.responsibility == T.responsibility)
        #expect(token.user == "alice")
        #expect(token.sub == "alice@example.net")
    }

    @Test func bytesAndSubstringAgree() throws {
        let token = T.token(payload: T.payload())
        let fromBytes = try verifier.verify(Array(token.utf8), now: T.now, tenant: T.tenant, responsibility: nil)
        let embedded = "Bearer " + token + " "
        let slice = embedded.dropFirst(7).dropLast()
        #expect(try verifier.verify(slice, now: T.now, tenant: T.tenant, responsibility: nil) == fromBytes)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let token: String
        let reason: TokenError
        var testDescription: String { name }
    }

    static let validSignature: String = {
        let token = T.token(payload: T.payload())
        return String(token.split(separator: ".")[2])
    }()

    static let hostile: [Hostile] = {
        let good = T.token(payload: T.payload())
        let parts = good.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let (h, p, s) = (parts[0], parts[1], parts[2])
        func header(_ json: String) -> String { T.token(header: json, payload: T.payload()) }
        func payload(_ json: String) -> String { T.token(payload: json) }
        return [
            Hostile(name: "alg none", token: header(#"{"alg":"none","typ":"JWT"}"#), reason: .unsupportedAlgorithm),
            Hostile(name: "alg none, no signature",
                    token: Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + p + ".", reason: .malformed),
            Hostile(name: "alg None", token: header(#"{"alg":"None","typ":"JWT"}"#), reason: .unsupportedAlgorithm),
            Hostile(name: "alg HS512", token: header(#"{"alg":"HS512","typ":"JWT"}"#), reason: .unsupportedAlgorithm),
            Hostile(name: "alg RS256", token: header(#"{"alg":"RS256","typ":"JWT"}"#), reason: .unsupportedAlgorithm),
            Hostile(name: "alg missing", token: header(#"{"typ":"JWT"}"#), reason: .unsupportedAlgorithm),
            Hostile(name: "alg not a string", token: header(#"{"alg":["HS256"]}"#), reason: .badHeader),
            Hostile(name: "alg twice", token: header(#"{"alg":"HS256","alg":"HS256"}"#), reason: .badHeader),
            Hostile(name: "crit", token: header(#"{"alg":"HS256","crit":["exp"]}"#), reason: .badHeader),
            Hostile(name: "typ JWS", token: header(#"{"alg":"HS256","typ":"JWS"}"#), reason: .badHeader),
            Hostile(name: "header array", token: header(#"["HS256"]"#), reason: .badHeader),
            Hostile(name: "header not JSON", token: header("HS256"), reason: .badHeader),
            Hostile(name: "header trailing garbage", token: header(#"{"alg":"HS256"}}"#), reason: .badHeader),
            Hostile(name: "two segments", token: h + "." + p, reason: .malformed),
            Hostile(name: "one segment", token: h, reason: .malformed),
            Hostile(name: "four segments", token: good + "." + s, reason: .malformed),
            Hostile(name: "empty header", token: "." + p + "." + s, reason: .malformed),
            Hostile(name: "empty payload", token: h + ".." + s, reason: .malformed),
            Hostile(name: "empty signature", token: h + "." + p + ".", reason: .malformed),
            Hostile(name: "empty token", token: "", reason: .malformed),
            Hostile(name: "only dots", token: "..", reason: .malformed),
            Hostile(name: "padding", token: good + "=", reason: .malformed),
            Hostile(name: "padded payload", token: h + "." + p + "==." + s, reason: .malformed),
            Hostile(name: "plus and slash", token: h + "." + p + "." + s.dropLast(2) + "+/", reason: .malformed),
            Hostile(name: "percent", token: h + "%2E" + p + "." + s, reason: .malformed),
            Hostile(name: "non-ASCII", token: h + "." + p + "é." + s, reason: .malformed),
            Hostile(name: "impossible length", token: h + "." + p + "." + s + "AA", reason: .malformed),
            Hostile(name: "non-canonical last character", token: h + "." + p + "." + s.dropLast() + "l", reason: .malformed),
            Hostile(name: "short signature", token: h + "." + p + "." + s.dropLast(3), reason: .badSignature),
            Hostile(name: "wrong secret", token: T.token(payload: T.payload(), key: Array("wrong".utf8)),
                    reason: .badSignature),
            Hostile(name: "empty secret", token: T.token(payload: T.payload(), key: []), reason: .badSignature),
            Hostile(name: "signature of other payload",
                    token: h + "." + Base64URL.encode(Array(T.payload(tenant: #""other""#).utf8)) + "." + s,
                    reason: .badSignature),
            Hostile(name: "9 KiB", token: payload(T.payload(extra: "\"pad\":\"" + String(repeating: "x", count: 9216) + "\"")),
                    reason: .tooLarge),
            Hostile(name: "payload not JSON", token: payload("exp=1"), reason: .badPayload),
            Hostile(name: "payload JSON array", token: payload(#"[{"exp":1733303600,"tenant":"shop"}]"#), reason: .badPayload),
            Hostile(name: "payload string", token: payload(#""exp""#), reason: .badPayload),
            Hostile(name: "payload trailing garbage", token: payload(T.payload() + "x"), reason: .badPayload),
            Hostile(name: "payload second object", token: payload(T.payload() + "{}"), reason: .badPayload),
            Hostile(name: "payload unclosed", token: payload(String(T.payload().dropLast())), reason: .badPayload),
            Hostile(name: "payload trailing comma", token: payload(String(T.payload().dropLast()) + ",}"), reason: .badPayload),
            Hostile(name: "payload too deep", token: payload(T.payload(extra: #""x":"# + String(repeating: "[", count: 40)
                                                                      + String(repeating: "]", count: 40))), reason: .badPayload),
            Hostile(name: "duplicate exp", token: payload(T.payload(extra: #""exp":1733303600"#)), reason: .badPayload),
            Hostile(name: "duplicate exp, escaped", token: payload(T.payload(extra: #""\u0065xp":1"#)), reason: .badPayload),
            Hostile(name: "duplicate tenant", token: payload(T.payload(extra: #""tenant":"shop""#)), reason: .badPayload),
            Hostile(name: "lone surrogate", token: payload(T.payload(extra: #""x":"\ud800""#)), reason: .badPayload),
            Hostile(name: "control byte in string", token: payload(T.payload(extra: "\"x\":\"a\u{1}b\"")), reason: .badPayload),
            Hostile(name: "number with leading zero", token: payload(T.payload(exp: "01733303600")), reason: .badPayload),
            Hostile(name: "exp missing", token: payload(#"{"tenant":"shop"}"#), reason: .missingExpiry),
            Hostile(name: "exp past", token: payload(T.payload(exp: "1733299999")), reason: .expired),
            Hostile(name: "exp equal to now", token: payload(T.payload(exp: "1733300000")), reason: .expired),
            Hostile(name: "exp equal to now, fractional zero", token: payload(T.payload(exp: "1733300000.0")), reason: .expired),
            Hostile(name: "exp string", token: payload(T.payload(exp: #""1733303600""#)), reason: .invalidClaim("exp")),
            Hostile(name: "exp null", token: payload(T.payload(exp: "null")), reason: .invalidClaim("exp")),
            Hostile(name: "exp true", token: payload(T.payload(exp: "true")), reason: .invalidClaim("exp")),
            Hostile(name: "exp infinite", token: payload(T.payload(exp: "1e999")), reason: .invalidClaim("exp")),
            Hostile(name: "nbf future", token: payload(T.payload(extra: #""nbf":1733300000.5"#)), reason: .notYetValid),
            Hostile(name: "nbf string", token: payload(T.payload(extra: #""nbf":"0""#)), reason: .invalidClaim("nbf")),
            Hostile(name: "wrong tenant", token: payload(T.payload(tenant: #""other""#)), reason: .wrongTenant),
            Hostile(name: "tenant missing", token: payload(#"{"exp":1733303600}"#), reason: .wrongTenant),
            Hostile(name: "tenant prefix", token: payload(T.payload(tenant: #""sho""#)), reason: .wrongTenant),
            Hostile(name: "tenant number", token: payload(T.payload(tenant: "1")), reason: .invalidClaim("tenant")),
            Hostile(name: "wrong responsibility", token: payload(T.payload(responsibility: #""0000""#)),
                    reason: .wrongResponsibility),
            Hostile(name: "responsibility missing", token: payload(#"{"exp":1733303600,"tenant":"shop"}"#),
                    reason: .wrongResponsibility),
            Hostile(name: "user not a string",
                    token: payload("{\"exp\":1733303600,\"tenant\":\"shop\",\"responsibility\":\"\(T.responsibility)\",\"user\":7}"),
                    reason: .invalidClaim("user")),
        ]
    }()

    @Test(arguments: hostile)
    func rejects(_ hostile: Hostile) {
        #expect(throws: hostile.reason) { try verify(hostile.token) }
    }

    @Test func previousSecretVerifies() throws {
        let token = T.token(payload: T.payload(), key: Array("old secret".utf8))
        #expect(try verify(token).user == "alice")
        let withoutRotation = TokenVerifier(secret: T.secret)
        #expect(throws: TokenError.badSignature) {
            try withoutRotation.verify(Substring(token), now: T.now, tenant: T.tenant, responsibility: nil)
        }
    }

    @Test func emptySecretVerifiesNothing() {
        let verifier = TokenVerifier(secret: [], previousSecrets: [[]])
        let token = T.token(payload: T.payload(), key: [])
        #expect(throws: TokenError.badSignature) {
            try verifier.verify(Substring(token), now: T.now, tenant: T.tenant, responsibility: nil)
        }
    }

    @Test(arguments: [("1733300000.001", true), ("1733300000.123", true), ("1733300000", false),
                      ("1733299999.999", false), ("17333000005e-1", true), ("1.7333e9", false)])
    func fractionalExpiry(exp: String, valid: Bool) {
        let token = T.token(payload: T.payload(exp: exp))
        if valid {
            #expect(throws: Never.self) { try verify(token) }
        } else {
            #expect(throws: TokenError.expired) { try verify(token) }
        }
    }

    @Test func nestedClaimNamesAreNotClaims() throws {
        let token = try verify(T.token(payload: T.payload(extra: #""x":{"exp":1,"tenant":"other","user":null}"#)))
        #expect(token.exp == 1_733_303_600)
        #expect(token.user == "alice")
    }

    @Test func nbfEqualToNowIsValid() throws {
        #expect(try verify(T.token(payload: T.payload(extra: #""nbf":1733300000"#))).nbf == T.now)
    }

    @Test func exactlyTheSizeLimitIsChecked() {
        let limited = TokenVerifier(secret: T.secret, limits: TokenLimits(maximumSize: 200))
        let token = T.token(payload: T.payload())
        #expect(token.utf8.count > 200)
        #expect(throws: TokenError.tooLarge) {
            try limited.verify(Substring(token), now: T.now, tenant: T.tenant, responsibility: nil)
        }
        let exact = TokenVerifier(secret: T.secret, limits: TokenLimits(maximumSize: token.utf8.count))
        #expect(throws: Never.self) {
            try exact.verify(Substring(token), now: T.now, tenant: T.tenant, responsibility: nil)
        }
    }

    @Test func responsibilityIsOptionalWhenNotExpected() throws {
        let token = try verify(T.token(payload: #"{"exp":1733303600,"tenant":"shop"}"#), responsibility: nil)
        #expect(token.responsibility == nil)
        #expect(token.user == nil)
    }

    @Test func escapedStringsAreDecoded() throws {
        let payload = #"{"exp":1733303600,"tenant":"sh\u006fp","user":"J\u00f6rg \ud83d\ude00 \"q\" \\ \/","sub":"\t"}"#
        let token = try verify(T.token(payload: payload), responsibility: nil)
        #expect(token.user == "Jörg 😀 \"q\" \\ /")
        #expect(token.sub == "\t")
    }

    @Test func headerVariantsAreAccepted() throws {
        for header in [#"{"typ":"JWT","alg":"HS256"}"#, #"{"alg":"HS256"}"#, #"{"alg":"HS256","typ":"jwt","kid":"1"}"#,
                       #" { "alg" : "HS256" } "#, #"{"\u0061lg":"HS\u0032\u0035\u0036"}"#] {
            #expect(throws: Never.self, "\(header)") { try verify(T.token(header: header, payload: T.payload())) }
        }
    }

    @Test func descriptionsAreSentencesWithoutTheToken() {
        for hostile in Self.hostile {
            let text = hostile.reason.description
            #expect(text.hasSuffix("."))
            #expect(text.first?.isUppercase == true)
            #expect(!text.contains(String(hostile.token.prefix(12))) || hostile.token.count < 12)
            #expect(!hostile.reason.reason.isEmpty)
        }
    }
}
