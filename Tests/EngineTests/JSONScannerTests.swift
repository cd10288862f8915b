import Testing
@testable import Engine

@Suite struct JSONScannerTests {
    @Test(arguments: [
        #"{}"#, #"[]"#, #" {"a" : [1, -0, 0.5, 1e3, 1E+3, -1.5e-3, true, false, null, "x"] } "#, #""\u00e9\ud83d\ude00""#,
        "\"é😀\"", #"{"a":{"b":{"c":[[[]]]}}}"#, "0", #""\/\b\f\n\r\t""#,
    ])
    func accepts(json: String) {
        #expect(JSONValue(parsing: Array(json.utf8)) != nil)
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, "{'a':1}", "01", "1.", ".5", "-", "+1",
        "1e", "1e+", "0x10", "NaN", "Infinity", "tru", "nul", "True", #""abc"#, #""\x""#, #""\u12""#, #""\ud800""#,
        #""\udc00""#, #""\ud800\u0041""#, "\"\u{1}\"", "\"a\tb\"", #"{"a":1}{}"#, "[1] x", #"{"a":1,"a":2}"#,
        String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
    ])
    func rejects(json: String) {
        #expect(JSONValue(parsing: Array(json.utf8)) == nil)
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80]] as [[UInt8]])
    func rejectsInvalidUTF8(sequence: [UInt8]) {
        #expect(JSONValue(parsing: [0x22] + sequence + [0x22]) == nil)
    }

    @Test func decodesEscapes() {
        let json = Array(#"["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20ac\ud83d\ude00"]"#.utf8)
        #expect(JSONValue(parsing: json) == .array([.string("\"\\/\u{8}\u{c}\n\r\t"), .string("Aé€😀")]))
    }

    @Test func encodingRoundTrips() throws {
        let text = #"{"a":[1.50,-0,1e3,true,false,null],"b":"\"\\\u0001\n é😀","c":{}}"#
        let value = try #require(JSONValue(parsing: Array(text.utf8)))
        #expect(String(decoding: value.encoded, as: UTF8.self) == text)
    }

    /// Every proper prefix of a valid document is refused, and no input crashes the scanner.
    @Test func prefixesAndMutationsNeverCrash() {
        let document = Array(#"{"exp":1733303600.5,"tenant":"sh\u00f6p","x":[{"y":null}],"user":"é"}"#.utf8)
        for count in 0..<document.count {
            #expect(JSONValue(parsing: Array(document.prefix(count))) == nil, "prefix \(count)")
        }
        for position in document.indices {
            for byte in 0...255 {
                var mutated = document
                mutated[position] = UInt8(byte)
                _ = JSONValue(parsing: mutated)
                mutated.withUnsafeBytes { bytes in
                    var scanner = JSONScanner(bytes)
                    var claims = PayloadScanner()
                    _ = try? claims.scan(&scanner)
                }
            }
        }
    }

    /// Any change to one byte of a signed token makes it invalid, and never crashes.
    @Test func everySingleByteChangeOfATokenIsRefused() {
        let verifier = TokenVerifier(secret: TokenBuilder.secret)
        let token = Array(TokenBuilder.token(payload: TokenBuilder.payload()).utf8)
        #expect(throws: Never.self) {
            try verifier.verify(token, now: TokenBuilder.now, tenant: "shop", responsibility: nil)
        }
        var accepted = 0
        for position in token.indices {
            for byte in 0...255 where UInt8(byte) != token[position] {
                var mutated = token
                mutated[position] = UInt8(byte)
                if (try? verifier.verify(mutated, now: TokenBuilder.now, tenant: "shop", responsibility: nil)) != nil {
                    accepted += 1
                }
            }
        }
        #expect(accepted == 0)
    }
}
