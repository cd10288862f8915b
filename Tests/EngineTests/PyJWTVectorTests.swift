import Foundation
import Testing
@testable import Engine

/// Tokens made by PyJWT (Fixtures/make_pyjwt_vectors.py → pyjwt_vectors.json), checked here.
@Suite struct PyJWTVectorTests {
    struct Vectors: Decodable {
        let secret: String
        let previous: [String]
        let now: Double
        let cases: [Case]
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let token: String
        let tenant: String
        let responsibility: String?
        let valid: Bool
        let reason: String?
        let user: String?
        let sub: String?
        let exp: Double?
        var testDescription: String { name }
    }

    static let vectors: Vectors? = {
        guard let url = Bundle.module.url(forResource: "pyjwt_vectors", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Vectors.self, from: data)
    }()

    @Test func fixtureLoads() throws {
        let vectors = try #require(Self.vectors)
        #expect(vectors.cases.count >= 60)
        #expect(vectors.cases.contains { $0.valid } && vectors.cases.contains { !$0.valid })
    }

    @Test(arguments: vectors?.cases ?? [])
    func pyjwtToken(_ vector: Case) throws {
        let vectors = try #require(Self.vectors)
        let verifier = TokenVerifier(secret: Array(vectors.secret.utf8), previousSecrets: vectors.previous.map { Array($0.utf8) })
        let result = Result { () throws(TokenError) in
            try verifier.verify(Substring(vector.token), now: vectors.now, tenant: vector.tenant,
                                responsibility: vector.responsibility)
        }
        switch result {
        case .success(let token):
            #expect(vector.valid, "accepted, expected \(vector.reason ?? "")")
            #expect(token.user == vector.user)
            #expect(token.sub == vector.sub)
            #expect(token.exp == vector.exp)
        case .failure(let error):
            #expect(!vector.valid, "refused: \(error)")
            #expect(error.reason == vector.reason)
        }
    }

    /// The full claim set of PyJWT's Uitsmijter-shaped token reads, and refreshes with its profile kept.
    @Test func pyjwtClaimsRefresh() throws {
        let vectors = try #require(Self.vectors)
        let vector = try #require(vectors.cases.first { $0.name == "uitsmijter claim set" })
        let verifier = TokenVerifier(secret: Array(vectors.secret.utf8))
        let verified = try verifier.verify(Substring(vector.token), now: vectors.now, tenant: "shop", responsibility: nil)
        let claims = try Claims(json: verified.payload)
        #expect(claims.roles == ["admin", "user"])
        #expect(claims.profile == .object([JSONMember("name", .string("Alice")),
                                           JSONMember("tags", .array([.string("a"), .string("b")]))]))
        let issuer = try TokenIssuer(secret: Array(vectors.secret.utf8))
        let refreshed = try issuer.refresh(verified, now: vectors.now + 10, lifetime: .seconds(600))
        let again = try verifier.verify(Substring(refreshed), now: vectors.now + 10, tenant: "shop", responsibility: nil)
        var expected = claims
        expected.iat = vectors.now + 10
        expected.exp = vectors.now + 610
        #expect(try Claims(json: again.payload) == expected)
    }
}
