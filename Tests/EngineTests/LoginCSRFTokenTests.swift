import Testing
@testable import Engine

@Suite struct LoginCSRFTokenTests {
    static let secret = TokenBuilder.secret
    static let now = 1_733_300_000.0
    static let host = "login.example.net"

    /// Computed independently with Python's `hmac` and `base64`.
    @Test func matchesAnIndependentImplementation() {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now + 0.9)
        #expect(token == "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw")
        #expect(token.utf8.count == CSRFToken.length)
    }

    @Test(arguments: [
        (0.0, true), (1.0, true), (3599.0, true), (3600.0, true), (3600.99, true), (3601.0, false),
        (86_400.0, false), (-60.0, true), (-60.5, false), (-61.0, false), (-3600.0, false),
    ])
    func window(offset: Double, valid: Bool) {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now)
        #expect(CSRFToken.verify(token, secret: Self.secret, loginHost: Self.host, now: Self.now + offset) == valid)
    }

    @Test(arguments: [
        ("login.example.net", true), ("LOGIN.Example.Net", true), ("shop.example.net", false),
        ("login.example.net:8443", false), ("", false), ("login.example.net.evil", false),
    ])
    func host(verifiedFor host: String, valid: Bool) {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now)
        #expect(CSRFToken.verify(token, secret: Self.secret, loginHost: host, now: Self.now) == valid)
    }

    @Test func otherOrEmptySecretVerifiesNothing() {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now)
        #expect(!CSRFToken.verify(token, secret: Array("another secret".utf8), loginHost: Self.host, now: Self.now))
        let unsigned = CSRFToken.issue(secret: [], loginHost: Self.host, now: Self.now)
        #expect(!CSRFToken.verify(unsigned, secret: [], loginHost: Self.host, now: Self.now))
    }

    /// Changing any character (time or MAC) breaks the token.
    @Test func everyTamperedCharacterFails() {
        let token = Array(CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now).utf8)
        for position in token.indices {
            for replacement in [UInt8(ascii: "A"), UInt8(ascii: "_")] where token[position] != replacement {
                var tampered = token
                tampered[position] = replacement
                let text = String(decoding: tampered, as: UTF8.self)
                #expect(!CSRFToken.verify(text, secret: Self.secret, loginHost: Self.host, now: Self.now), "at \(position)")
            }
        }
    }

    /// A token whose time was moved forward keeps its old MAC, so it fails even inside the window.
    @Test func movedIssueTimeFails() {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: Self.now)
        guard var bytes = Base64URL.decode(token) else { Issue.record("not base64url"); return }
        bytes[7] &+= 1
        #expect(!CSRFToken.verify(Base64URL.encode(bytes), secret: Self.secret, loginHost: Self.host, now: Self.now))
    }

    @Test(arguments: [
        "", "x", "AAAA", String(repeating: "A", count: 54), String(repeating: "A", count: 53),
        String(repeating: "A", count: 55), String(repeating: "=", count: 54),
        "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw=",
        "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBt",
        "AAAAAGdQDyDruUxI/CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw",
        "AAAAAGdQDyDruUxI+CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw",
        "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtx", // non-zero unused bits
        " AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBt",
        "AAAAAGdQDyDruUxI_CPKkupluyXQu0REeCsosclxch7tGLRu7ZVBtw\n",
        "<script>alert(1)</script>", String(repeating: "é", count: 27),
    ])
    func garbage(token: String) {
        #expect(!CSRFToken.verify(token, secret: Self.secret, loginHost: Self.host, now: Self.now))
    }

    @Test func extremeClocksDoNotTrap() {
        let token = CSRFToken.issue(secret: Self.secret, loginHost: Self.host, now: .infinity)
        #expect(!CSRFToken.verify(token, secret: Self.secret, loginHost: Self.host, now: -.infinity))
        #expect(CSRFToken.verify(token, secret: Self.secret, loginHost: Self.host, now: 1e300))
        #expect(!CSRFToken.verify(token, secret: Self.secret, loginHost: Self.host, now: .nan))
    }
}
