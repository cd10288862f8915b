import Testing
@testable import Engine

@Suite struct Base64URLTests {
    /// RFC 4648 §10 vectors, unpadded.
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                      ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test(arguments: ["Zg==", "Zg=", "Zm9v=", "+/+/", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9", "Zm.v", "Zm\u{0}v"])
    func rejects(encoded: String) {
        #expect(Base64URL.decode(encoded) == nil)
    }

    @Test func roundTripsEveryLength() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for count in 0...data.count {
            let encoded = Base64URL.encode(data.prefix(count))
            #expect(!encoded.contains("="))
            #expect(Base64URL.decode(encoded) == Array(data.prefix(count)))
        }
    }

    /// Every byte value in every position of a quantum: only the 64 alphabet bytes decode.
    @Test func sweepsAllBytes() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for position in 0..<4 {
            for byte in 0...255 {
                var input = Array("AAAA".utf8)
                input[position] = UInt8(byte)
                let decoded = input.withUnsafeBytes { Base64URL.decode($0) }
                #expect((decoded != nil) == alphabet.contains(UInt8(byte)), "byte \(byte) at \(position)")
            }
        }
    }

    @Test func decodesIntoBufferWithoutRoom() {
        let input = Array("Zm9vYmFy".utf8)
        let result = input.withUnsafeBytes { source in
            withUnsafeTemporaryAllocation(byteCount: 5, alignment: 1) { Base64URL.decode(source, into: $0) }
        }
        #expect(result == nil)
    }
}
