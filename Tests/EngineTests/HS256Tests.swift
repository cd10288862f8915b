import Testing
@testable import Engine

@Suite struct HS256Tests {
    struct Case: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: [UInt8]
        let data: [UInt8]
        let mac: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    /// RFC 4231 §4.2–4.8, HMAC-SHA-256 rows.
    static let rfc4231Cases: [Case] = [
        Case(number: 1, key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
             mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
             mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(number: 3, key: Array(repeating: 0xaa, count: 20), data: Array(repeating: 0xdd, count: 50),
             mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(number: 4, key: Array(1...25), data: Array(repeating: 0xcd, count: 50),
             mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        // The RFC gives only the first 128 bits for case 5 (output truncation); compared as a prefix.
        Case(number: 5, key: Array(repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
             mac: "a3b6167473100ee06e0c796c2955552b"),
        Case(number: 6, key: Array(repeating: 0xaa, count: 131),
             data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(number: 7, key: Array(repeating: 0xaa, count: 131),
             data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
             mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: rfc4231Cases)
    func rfc4231(_ vector: Case) {
        let mac = HS256.sign(vector.data, key: vector.key)
        #expect(mac.count == 32)
        let expected = bytes(hex: vector.mac)
        #expect(Array(mac.prefix(expected.count)) == expected)
        #expect(expected.count == (vector.number == 5 ? 16 : 32))
    }

    /// RFC 7515 Appendix A.1: the HS256 example, signature layer only (its payload has no tenant).
    static let a1Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
    static let a1Input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    static let a1Signature = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    @Test func rfc7515AppendixA1() throws {
        let key = try #require(Base64URL.decode(Self.a1Key))
        #expect(Base64URL.encode(HS256.sign(Array(Self.a1Input.utf8), key: key)) == Self.a1Signature)
        let signature = try #require(Base64URL.decode(Self.a1Signature))
        let algorithm = HS256(current: key)
        let valid = signature.withUnsafeBytes { sig in
            Array(Self.a1Input.utf8).withUnsafeBytes { algorithm.isValid(signature: sig, for: $0) }
        }
        #expect(valid)
        let tampered = Array((Self.a1Input + "x").utf8).withUnsafeBytes { input in
            signature.withUnsafeBytes { algorithm.isValid(signature: $0, for: input) }
        }
        #expect(!tampered)
    }

    /// The A.1 header and payload pass the token layer too, up to the tenant claim it lacks.
    @Test func rfc7515AppendixA1ThroughTheVerifier() throws {
        let key = try #require(Base64URL.decode(Self.a1Key))
        let verifier = TokenVerifier(secret: key)
        #expect(throws: TokenError.wrongTenant) {
            try verifier.verify(Substring(Self.a1Input + "." + Self.a1Signature), now: 1_300_819_379,
                                tenant: "shop", responsibility: nil)
        }
        #expect(throws: TokenError.expired) {
            try verifier.verify(Substring(Self.a1Input + "." + Self.a1Signature), now: 1_300_819_380,
                                tenant: "shop", responsibility: nil)
        }
    }

    @Test func emptyKeysNeverVerify() {
        let algorithm = HS256(current: [], previous: [[]])
        #expect(algorithm.keys.isEmpty)
        let message = Array("a.b".utf8)
        let signature = HS256.sign(message, key: [])
        let valid = signature.withUnsafeBytes { sig in message.withUnsafeBytes { algorithm.isValid(signature: sig, for: $0) } }
        #expect(!valid)
    }
}
