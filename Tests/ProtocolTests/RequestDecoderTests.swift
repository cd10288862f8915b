import Testing
@testable import Protocol

/// Well-formed requests, each checked whole, byte by byte and in random splits.
@Suite struct RequestDecoderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let expected: DecodedRequest
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ expected: DecodedRequest) {
            self.init(name, Array(input.utf8), expected)
        }

        init(_ name: String, _ input: [UInt8], _ expected: DecodedRequest) {
            self.name = name
            self.input = input
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case("minimal GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", DecodedRequest()),
        Case("path and query", "GET /a/b?x=1&y=%2F HTTP/1.1\r\nHost: a\r\n\r\n",
             DecodedRequest(target: "/a/b?x=1&y=%2F")),
        Case("empty query", "GET /p? HTTP/1.1\r\nHost: a\r\n\r\n", DecodedRequest(target: "/p?")),
        Case("second question mark stays in the query", "GET /p?a?b HTTP/1.1\r\nHost: a\r\n\r\n",
             DecodedRequest(target: "/p?a?b")),
        Case("OWS around values is trimmed", "GET / HTTP/1.1\r\nHost: \t a b \t \r\nX-Empty:\r\nX-Blank: \t \r\n\r\n",
             DecodedRequest(headers: [("Host", "a b"), ("X-Empty", ""), ("X-Blank", "")])),
        Case("name case and order kept", "GET / HTTP/1.1\r\nhOST: a\r\nx-forwarded-uri: /x\r\nX-A: 1\r\n\r\n",
             DecodedRequest(headers: [("hOST", "a"), ("x-forwarded-uri", "/x"), ("X-A", "1")])),
        Case("obs-text in a value is kept as bytes",
             Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: ".utf8) + [0xC3, 0xA9, 0xFF] + Array("\r\n\r\n".utf8),
             {
                 var expected = DecodedRequest(headers: [("Host", "a"), ("X-Name", "")])
                 expected.headers[1].value = [0xC3, 0xA9, 0xFF]
                 return expected
             }()),
        Case("HTTP/1.0 needs no Host and closes", "GET /auth HTTP/1.0\r\n\r\n",
             DecodedRequest(target: "/auth", version: .http1_0, headers: [], keepAlive: false)),
        Case("token methods", "M-SEARCH / HTTP/1.1\r\nHost: a\r\n\r\n", DecodedRequest(method: "M-SEARCH")),
        Case("Content-Length body", "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nuser=a&pw=b",
             DecodedRequest(method: "POST", target: "/login", headers: [("Host", "a"), ("Content-Length", "11")],
                            body: "user=a&pw=b")),
        Case("Content-Length zero", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
             DecodedRequest(method: "POST", headers: [("Host", "a"), ("Content-Length", "0")])),
        Case("Content-Length with leading zeros and OWS", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:  003 \r\n\r\nabc",
             DecodedRequest(method: "POST", headers: [("Host", "a"), ("Content-Length", "003")], body: "abc")),
        Case("chunked with extensions and trailers",
             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                 + "5;name=value\r\nhello\r\n1 ; x\r\n \r\n00006\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n",
             DecodedRequest(method: "POST", headers: [("Host", "a"), ("Transfer-Encoding", "chunked")],
                            body: "hello world!")),
        Case("chunked, uppercase hex and case-insensitive coding",
             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
             DecodedRequest(method: "POST", headers: [("Host", "a"), ("Transfer-Encoding", ", Chunked")],
                            body: "0123456789")),
        Case("chunk size with 20 digits of which one is significant",
             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000000001\r\nz\r\n0\r\n\r\n",
             DecodedRequest(method: "POST", headers: [("Host", "a"), ("Transfer-Encoding", "chunked")], body: "z")),
        Case("WebSocket upgrade is decoded like any request",
             "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
             DecodedRequest(target: "/ws", headers: [("Host", "a"), ("Connection", "Upgrade"), ("Upgrade", "websocket")])),
    ]

    @Test(arguments: cases)
    func decodes(_ testCase: Case) {
        let outcome = DecoderVerifier.verify(testCase.input)
        #expect(outcome == DecodeOutcome(requests: [testCase.expected], error: nil))
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let input = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /four HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            + "GET /fi"
        let outcome = DecoderVerifier.verify(input)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.target) == ["/one", "/two", "/three", "/four"])
        #expect(outcome.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["", "abc", "de", ""])
        #expect(outcome.requests.map(\.keepAlive) == [true, true, true, true])
    }

    @Test func pipelinedRequestBeforeAnErrorIsStillDelivered() {
        let input = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\nGET / HTTP/1.1\r\n"
        let outcome = DecoderVerifier.verify(input)
        #expect(outcome.requests.map(\.target) == ["/ok"])
        #expect(outcome.error == .duplicateHost)
    }

    @Test func manyPipelinedRequestsDecodeInOrder() {
        let input = (0..<300).map { "GET /r\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
        let outcome = DecoderVerifier.verify(input)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.target) == (0..<300).map { "/r\($0)" })
    }

    @Test func idleOnlyBetweenRequests() throws {
        var decoder = RequestDecoder()
        #expect(decoder.isIdle)
        decoder.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        #expect(try decoder.next() == nil)
        #expect(!decoder.isIdle)
        decoder.append(Array("st: a\r\n\r\n".utf8))
        #expect(try decoder.next() != nil)
        #expect(decoder.isIdle)
    }

    @Test func rawBufferAppendDecodes() throws {
        var decoder = RequestDecoder()
        let bytes = Array("GET /raw HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        bytes.withUnsafeBytes { decoder.append($0) }
        let request = try #require(try decoder.next())
        #expect(request.target == "/raw")
    }
}
