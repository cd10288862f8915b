import Foundation
import Testing
@testable import Engine

@Suite struct TokenIssuerTests {
    typealias T = TokenBuilder

    static func claims(other: [JSONMember] = []) -> Claims {
        Claims(iss: "https://login.example.net", sub: "alice@example.net", exp: T.now + 3600.9, iat: T.now + 0.7,
               authTime: T.now - 100.5, tenant: "shop", user: "alice", profile: .object([JSONMember("name", .string("Älice"))]),
               responsibility: T.responsibility, roles: ["admin"], other: other)
    }

    @Test func issuesTheExactHeaderAndWholeSeconds() throws {
        let token = try TokenIssuer(secret: T.secret).issue(Self.claims())
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(Base64URL.decode(parts[0]) == Array(TokenHeader.canonicalJSON.utf8))
        let payload = String(decoding: try #require(Base64URL.decode(parts[1])), as: UTF8.self)
        #expect(payload == #"{"iss":"https://login.example.net","sub":"alice@example.net","aud":"unknown","#
                + #""exp":1733303600,"iat":1733300000,"auth_time":1733299899,"tenant":"shop","role":"default","#
                + #""user":"alice","scope":"","profile":{"name":"Älice"},"#
                + #""responsibility":"\#(T.responsibility)","roles":["admin"]}"#)
        let verified = try TokenVerifier(secret: T.secret).verify(Substring(token), now: T.now, tenant: "shop",
                                                                  responsibility: T.responsibility)
        #expect(verified.exp == 1_733_303_600)
        #expect(verified.user == "alice")
    }

    @Test func emptySecretCannotIssue() {
        #expect(throws: TokenError.emptySecret) { try TokenIssuer(secret: []) }
    }

    @Test func refreshKeepsUnknownClaimsVerbatim() throws {
        let other = [JSONMember("jti", .string("abc")), JSONMember("amount", .number("1.50")),
                     JSONMember("big", .number("123456789012345678901234567890")),
                     JSONMember("nested", .object([JSONMember("a", .array([.null, .bool(true), .string("\u{1}\"")]))]))]
        let issuer = try TokenIssuer(secret: T.secret)
        let verifier = TokenVerifier(secret: T.secret)
        let token = issuer.issue(Self.claims(other: other))
        let verified = try verifier.verify(Substring(token), now: T.now, tenant: "shop", responsibility: nil)
        let refreshed = try issuer.refresh(verified, now: T.now + 2700.4, lifetime: .seconds(7 * 86400))
        let again = try verifier.verify(Substring(refreshed), now: T.now + 2701, tenant: "shop", responsibility: nil)
        #expect(again.iat == T.now + 2700)
        #expect(again.exp == T.now + 2700 + 7 * 86400)
        let claims = try Claims(json: again.payload)
        #expect(claims.other == other)
        #expect(claims.authTime == T.now - 101)
        #expect(claims.profile == Self.claims().profile)
        let text = String(decoding: again.payload, as: UTF8.self)
        #expect(text.hasSuffix(#""jti":"abc","amount":1.50,"big":123456789012345678901234567890,"#
                               + #""nested":{"a":[null,true,"\u0001\""]}}"#))
    }

    @Test func refreshOfATokenWithoutUitsmijterClaimsFails() throws {
        let verified = try TokenVerifier(secret: T.secret).verify(Substring(T.token(payload: T.payload())), now: T.now,
                                                                  tenant: "shop", responsibility: nil)
        #expect(throws: TokenError.invalidClaim("iss")) {
            try TokenIssuer(secret: T.secret).refresh(verified, now: T.now, lifetime: .seconds(60))
        }
    }

    @Test func audienceAsStringOrArray() throws {
        var claims = Self.claims()
        for audience in [Audience.one("app"), .many(["a", "b"]), .many([])] {
            claims.aud = audience
            #expect(try Claims(json: claims.json).aud == audience)
        }
    }

    @Test(arguments: [
        (#""aud":1"#, TokenError.invalidClaim("aud")), (#""aud":[1]"#, .invalidClaim("aud")),
        (#""roles":"admin""#, .invalidClaim("roles")), (#""exp":"1""#, .invalidClaim("exp")),
        (#""exp":1e300"#, .invalidClaim("exp")), (#""role":null"#, .invalidClaim("role")),
    ])
    func claimTypesAreChecked(member: String, error: TokenError) {
        var json = #"{"iss":"i","sub":"s","aud":"unknown","exp":2,"iat":1,"auth_time":1,"tenant":"t","user":"u""#
        let name = member.split(separator: ":")[0]
        json = json.replacingOccurrences(of: name + ":", with: "\"dropped\(name.dropFirst()):") + "," + member + "}"
        #expect(throws: error) { try Claims(json: Array(json.utf8)) }
    }

    @Test func defaultsForRoleAndScope() throws {
        let json = #"{"iss":"i","sub":"s","aud":"unknown","exp":2.5,"iat":1,"auth_time":1,"tenant":"t","user":"u"}"#
        let claims = try Claims(json: Array(json.utf8))
        #expect(claims.role == "default")
        #expect(claims.scope == "")
        #expect(claims.exp == 2.5)
        #expect(claims.responsibility == nil && claims.roles == nil && claims.profile == nil)
    }

    @Test func responsibility() {
        #expect(Responsibility.of(tenantName: "shop") == Crypto.sha1Hex("shop"))
        #expect(Responsibility.of(tenantName: "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Responsibility.of(host: "Shop.Example.NET") == Crypto.sha1Hex("shop.example.net"))
    }

    /// Whether python3 with PyJWT is installed (`make test` installs it).
    static let pyjwtAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jwt"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// The other direction: tokens issued here, checked by PyJWT. Without PyJWT the test is
    /// reported as skipped, never as passed; the fixture direction runs regardless.
    @Test(.enabled(if: pyjwtAvailable, "needs python3 with PyJWT (make test installs it)"))
    func pyjwtVerifiesIssuedTokens() throws {
        let script = try #require(Bundle.module.url(forResource: "verify_with_pyjwt", withExtension: "py",
                                                    subdirectory: "Fixtures"))

        let secret = String(decoding: T.secret, as: UTF8.self)
        let issuer = try TokenIssuer(secret: T.secret)
        let now = Date().timeIntervalSince1970
        var claims = Self.claims(other: [JSONMember("note", .string("Grüße 😀 \"\\ \u{7}"))])
        claims.iat = now
        claims.exp = now + 600
        claims.user = "Jörg"
        let good = issuer.issue(claims)
        claims.exp = now - 10
        let expired = issuer.issue(claims)
        for (token, key, tenant, status) in [(good, secret, "shop", Int32(0)), (good, "other", "shop", 1),
                                             (good, secret, "other", 1), (expired, secret, "shop", 1)] {
            let run = Process()
            run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            run.arguments = ["python3", script.path, token, key, "--tenant", tenant]
            let output = Pipe()
            run.standardOutput = output
            run.standardError = FileHandle.nullDevice
            try run.run()
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            run.waitUntilExit()
            #expect(run.terminationStatus == status)
            if status == 0 {
                let decoded = try JSONSerialization.jsonObject(with: printed) as? [String: Any]
                #expect(decoded?["user"] as? String == "Jörg")
                #expect(decoded?["note"] as? String == "Grüße 😀 \"\\ \u{7}")
            }
        }
    }
}
