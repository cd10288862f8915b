import Testing
@testable import Protocol

/// Every byte 0…255 in each grammar position, asserting exactly which are accepted.
@Suite struct RequestDecoderByteSweepTests {
    /// `tchar` (RFC 9110 §5.6.2).
    static let tokenBytes = Set(Array("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))
    /// `field-vchar / SP / HTAB` (RFC 9110 §5.5).
    static let valueBytes = Set([0x09, 0x20] + Array(0x21...0x7E) + Array(0x80...0xFF)).map(UInt8.init)

    static func request(_ fieldLine: [UInt8]) -> [UInt8] {
        Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8) + fieldLine + Array("\r\n\r\n".utf8)
    }

    @Test func fieldNameBytes() {
        var accepted: Set<UInt8> = []
        for byte in UInt8.min...UInt8.max {
            let outcome = DecoderVerifier.verify(Self.request([byte] + Array("X: v".utf8)))
            if let request = outcome.requests.first {
                accepted.insert(byte)
                #expect(request.headers.last == .init(name: String(decoding: [byte, UInt8(ascii: "X")], as: UTF8.self),
                                                      value: Array("v".utf8)))
            } else {
                let expected: ParseError = switch byte {
                case 0x0A: .bareLineFeed
                case 0x0D: .bareCarriageReturn
                case 0x09, 0x20: .obsoleteLineFolding
                default: .invalidFieldName
                }
                #expect(outcome.error == expected, "byte \(byte)")
            }
        }
        #expect(accepted == Self.tokenBytes)
    }

    @Test func fieldValueBytes() {
        var accepted: Set<UInt8> = []
        for byte in UInt8.min...UInt8.max {
            let outcome = DecoderVerifier.verify(Self.request(Array("X: a".utf8) + [byte, UInt8(ascii: "b")]))
            if let request = outcome.requests.first {
                accepted.insert(byte)
                #expect(request.headers.last?.value == [UInt8(ascii: "a"), byte, UInt8(ascii: "b")])
            } else {
                let expected: ParseError = switch byte {
                case 0x0A: .bareLineFeed  // the LF ends "X: a" without CR
                case 0x0D: .bareCarriageReturn
                default: .invalidFieldValue
                }
                #expect(outcome.error == expected, "byte \(byte)")
            }
        }
        #expect(accepted == Set(Self.valueBytes))
    }

    @Test func methodBytes() {
        var accepted: Set<UInt8> = []
        for byte in UInt8.min...UInt8.max {
            let outcome = DecoderVerifier.verify([UInt8(ascii: "G"), byte] + Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            if outcome.error == nil { accepted.insert(byte) }
        }
        #expect(accepted == Self.tokenBytes)
    }

    @Test func targetBytes() {
        var accepted: Set<UInt8> = []
        for byte in UInt8.min...UInt8.max {
            let outcome = DecoderVerifier.verify(Array("GET /".utf8) + [byte] + Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            if outcome.error == nil { accepted.insert(byte) }
        }
        #expect(accepted == Set(UInt8(0x21)...UInt8(0x7E)), "origin-form of visible ASCII")
    }
}
