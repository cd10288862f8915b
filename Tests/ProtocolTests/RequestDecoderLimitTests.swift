import Testing
@testable import Protocol

/// Each limit at its edge, and checked on partial input before the line ends.
@Suite struct RequestDecoderLimitTests {
    /// A request line of exactly `length` bytes, excluding CRLF.
    static func requestLine(length: Int) -> String {
        let prefix = "GET /", suffix = " HTTP/1.1"
        return prefix + String(repeating: "a", count: length - prefix.count - suffix.count) + suffix
    }

    /// A head whose header block (field lines + empty line) is exactly `length` bytes.
    static func head(headerBlockLength length: Int) -> String {
        let fixed = "Host: a\r\nX-Pad: \r\n\r\n".utf8.count
        return "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: " + String(repeating: "p", count: length - fixed) + "\r\n\r\n"
    }

    static func head(fieldCount: Int) -> String {
        "GET / HTTP/1.1\r\nHost: a\r\n" + (1..<fieldCount).map { "X-\($0): v\r\n" }.joined() + "\r\n"
    }

    @Test func requestLineAtTheLimitPasses() {
        let outcome = DecoderVerifier.verify(Self.requestLine(length: 8192) + "\r\nHost: a\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test func requestLineOverTheLimitIs414() {
        let outcome = DecoderVerifier.verify(Self.requestLine(length: 8193) + "\r\nHost: a\r\n\r\n")
        #expect(outcome == DecodeOutcome(requests: [], error: .requestLineTooLong))
    }

    @Test func requestLineFailsBeforeItsEnd() throws {
        var decoder = RequestDecoder()
        decoder.append(Array(Self.requestLine(length: 8192).utf8) + [ByteClass.cr])
        #expect(try decoder.next() == nil, "8 KiB and a CR may still be a valid line")
        decoder.append([UInt8(ascii: "a")])
        #expect(throws: ParseError.requestLineTooLong) { try decoder.next() }
    }

    @Test func headerBlockAtTheLimitPasses() {
        let outcome = DecoderVerifier.verify(Self.head(headerBlockLength: 32768))
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test func headerBlockOverTheLimitIs431() {
        let outcome = DecoderVerifier.verify(Self.head(headerBlockLength: 32769))
        #expect(outcome == DecodeOutcome(requests: [], error: .headerBlockTooLarge))
    }

    @Test func headerBlockFailsBeforeItsEnd() throws {
        var decoder = RequestDecoder()
        decoder.append(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 32765)).utf8))
        #expect(try decoder.next() == nil)
        decoder.append([UInt8(ascii: "v")])
        #expect(throws: ParseError.headerBlockTooLarge) { try decoder.next() }
    }

    @Test func hundredFieldsPass() {
        let outcome = DecoderVerifier.verify(Self.head(fieldCount: 100))
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.headers.count == 100)
    }

    @Test func hundredAndOneFieldsAre431() {
        let outcome = DecoderVerifier.verify(Self.head(fieldCount: 101))
        #expect(outcome == DecodeOutcome(requests: [], error: .tooManyFields))
    }

    @Test func trailersCountAgainstTheFieldLimit() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
            + (3...99).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        let within = DecoderVerifier.verify(head + "0\r\nT-1: v\r\n\r\n")
        #expect(within.error == nil)
        #expect(within.requests.count == 1)
        let over = DecoderVerifier.verify(head + "0\r\nT-1: v\r\nT-2: v\r\n\r\n")
        #expect(over == DecodeOutcome(requests: [], error: .tooManyFields))
    }

    @Test func trailersCountAgainstTheHeaderBlockLimit() {
        let limits = DecoderLimits(headerBlockLength: 64)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let outcome = DecoderVerifier.verify(head + "0\r\nX-Trailer: " + String(repeating: "t", count: 20) + "\r\n\r\n",
                                             limits: limits)
        #expect(outcome == DecodeOutcome(requests: [], error: .headerBlockTooLarge))
    }

    @Test(arguments: [16384, 16385])
    func contentLengthBodyLimit(length: Int) {
        let outcome = DecoderVerifier.verify(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(length)\r\n\r\n" + String(repeating: "b", count: length))
        if length <= 16384 {
            #expect(outcome.requests.first?.body.count == length)
            #expect(outcome.error == nil)
        } else {
            #expect(outcome == DecodeOutcome(requests: [], error: .bodyTooLarge))
        }
    }

    @Test(arguments: [16384, 16385])
    func chunkedBodyLimit(length: Int) {
        let chunk = String(repeating: "c", count: 1000)
        var chunks = String(repeating: "3e8\r\n\(chunk)\r\n", count: length / 1000)
        let rest = length % 1000
        chunks += String(rest, radix: 16) + "\r\n" + String(repeating: "c", count: rest) + "\r\n0\r\n\r\n"
        let outcome = DecoderVerifier.verify(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        if length <= 16384 {
            #expect(outcome.requests.first?.body.count == length)
            #expect(outcome.error == nil)
        } else {
            #expect(outcome == DecodeOutcome(requests: [], error: .bodyTooLarge))
        }
    }

    @Test func customLimitsApply() {
        let limits = DecoderLimits(requestLineLength: 24, headerBlockLength: 100, fieldCount: 2, bodyLength: 4)
        #expect(DecoderVerifier.verify("GET /0123456789 HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).error == nil)
        #expect(DecoderVerifier.verify("GET /01234567890 HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).error
            == .requestLineTooLong)
        #expect(DecoderVerifier.verify("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).error
            == .tooManyFields)
        #expect(DecoderVerifier.verify("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n12345", limits: limits)
            .error == .bodyTooLarge)
    }

    @Test func defaultsAreTheDocumentedOnes() {
        let limits = DecoderLimits.default
        #expect(limits.requestLineLength == 8192)
        #expect(limits.headerBlockLength == 32768)
        #expect(limits.fieldCount == 100)
        #expect(limits.bodyLength == 16384)
        #expect(limits.chunkLineLength == 256)
    }

    /// Feeding a full 32 KiB head one byte at a time must not rescan it: with a
    /// quadratic decoder this alone would take billions of steps.
    @Test func byteByByteHeadOfManyFieldsCompletes() throws {
        let head = Array(("GET / HTTP/1.1\r\nHost: a\r\n"
            + (1..<100).map { "X-\($0): " + String(repeating: "v", count: 300) + "\r\n" }.joined() + "\r\n").utf8)
        var decoder = RequestDecoder()
        var requests = 0
        for byte in head {
            decoder.append([byte])
            if try decoder.next() != nil { requests += 1 }
        }
        #expect(requests == 1)
    }
}
