import Testing
@testable import Protocol

/// Malformed and smuggling-prone requests: each gives exactly one error for
/// every split of its bytes.
@Suite struct RequestDecoderErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let error: ParseError
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ error: ParseError) {
            self.init(name, Array(input.utf8), error)
        }

        init(_ name: String, _ input: [UInt8], _ error: ParseError) {
            self.name = name
            self.input = input
            self.error = error
        }

        /// A POST with `fields` after `Host: a` and then `body`.
        static func post(_ name: String, _ fields: String, _ body: String = "", _ error: ParseError) -> Case {
            Case(name, "POST / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\(body)", error)
        }

        /// A chunked POST whose body is `chunks`.
        static func chunked(_ name: String, _ chunks: String, _ error: ParseError) -> Case {
            post(name, "Transfer-Encoding: chunked\r\n", chunks, error)
        }
    }

    static let lineCases: [Case] = [
        Case("bare LF ends the request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", .bareLineFeed),
        Case("bare LF ends a field line", "GET / HTTP/1.1\r\nHost: a\n\r\n", .bareLineFeed),
        Case("bare LF ends the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", .bareLineFeed),
        Case("bare CR in the request line", "GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n", .bareCarriageReturn),
        Case("bare CR in a value", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", .bareCarriageReturn),
        Case("bare CR in a name", "GET / HTTP/1.1\r\nHo\rst: a\r\n\r\n", .bareCarriageReturn),
        Case("CR CR LF", "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", .bareCarriageReturn),
        Case("NUL in a value", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", .invalidFieldValue),
        Case("DEL in a value", "GET / HTTP/1.1\r\nHost: a\u{7F}\r\n\r\n", .invalidFieldValue),
        Case("NUL in a name", "GET / HTTP/1.1\r\nHo\0st: a\r\n\r\n", .invalidFieldName),
        Case("obsolete line folding", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", .obsoleteLineFolding),
        Case("folding with a tab", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n", .obsoleteLineFolding),
        Case("whitespace before the first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding),
        Case("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon),
        Case("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", .whitespaceBeforeColon),
        Case("space inside a name", "GET / HTTP/1.1\r\nX Y: a\r\nHost: a\r\n\r\n", .invalidFieldName),
        Case("empty name", "GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", .invalidFieldName),
        Case("no colon", "GET / HTTP/1.1\r\nHost\r\n\r\n", .missingColon),
        Case("empty line before the request line", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidRequestLine),
        Case("no version (HTTP/0.9 simple request)", "GET /\r\n", .invalidRequestLine),
        Case("no target", "GET\r\n", .invalidRequestLine),
        Case("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
        Case("method with a separator", "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
        Case("two spaces after the method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        Case("absolute-form", "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        Case("asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        Case("authority-form", "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        Case("non-ASCII target", Array("GET /".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8),
             .invalidTarget),
        Case("tab in the target", "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        Case("trailing space after the version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .invalidVersion),
        Case("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", .invalidVersion),
        Case("two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", .invalidVersion),
        Case("version without dot", "GET / HTTP/11\r\nHost: a\r\n\r\n", .invalidVersion),
        Case("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 2, minor: 0)),
        Case("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 1, minor: 2)),
        Case("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", .unsupportedVersion(major: 0, minor: 9)),
        Case("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX: a\r\n\r\n", .missingHost),
        Case("two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", .duplicateHost),
        Case("two Host lines on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", .duplicateHost),
    ]

    static let framingCases: [Case] = [
        .post("Content-Length then Transfer-Encoding", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
              "0\r\n\r\n", .contentLengthWithTransferEncoding),
        .post("Transfer-Encoding then Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n",
              "", .contentLengthWithTransferEncoding),
        .post("duplicate equal Content-Length", "Content-Length: 5\r\nContent-Length: 5\r\n", "hello",
              .duplicateContentLength),
        .post("Content-Length list", "Content-Length: 5, 5\r\n", "hello", .invalidContentLength),
        .post("negative Content-Length", "Content-Length: -5\r\n", "", .invalidContentLength),
        .post("plus-signed Content-Length", "Content-Length: +5\r\n", "hello", .invalidContentLength),
        .post("empty Content-Length", "Content-Length:\r\n", "", .invalidContentLength),
        .post("hex Content-Length", "Content-Length: 0x5\r\n", "hello", .invalidContentLength),
        .post("space inside Content-Length", "Content-Length: 1 0\r\n", "", .invalidContentLength),
        .post("Content-Length over the limit", "Content-Length: 16385\r\n", "", .bodyTooLarge),
        .post("Content-Length beyond any integer", "Content-Length: 99999999999999999999999999\r\n", "", .bodyTooLarge),
        .post("gzip", "Transfer-Encoding: gzip\r\n", "", .unsupportedTransferCoding),
        .post("gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n", .unsupportedTransferCoding),
        .post("chunked, gzip", "Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n", .unsupportedTransferCoding),
        .post("identity", "Transfer-Encoding: identity\r\n", "", .unsupportedTransferCoding),
        .post("chunked twice in one line", "Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n",
              .invalidTransferEncoding),
        .post("chunked on two lines", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n",
              .invalidTransferEncoding),
        .post("empty Transfer-Encoding", "Transfer-Encoding:\r\n", "", .invalidTransferEncoding),
        .post("Transfer-Encoding of commas", "Transfer-Encoding: ,,\r\n", "", .invalidTransferEncoding),
        .post("Transfer-Encoding with a quoted coding", "Transfer-Encoding: \"chunked\"\r\n", "",
              .invalidTransferEncoding),
        Case("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             .invalidTransferEncoding),
    ]

    static let chunkCases: [Case] = [
        .chunked("chunk size not hex", "g\r\n", .invalidChunkSize),
        .chunked("empty chunk size", "\r\n", .invalidChunkSize),
        .chunked("negative chunk size", "-1\r\n", .invalidChunkSize),
        .chunked("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", .invalidChunkSize),
        .chunked("chunk size overflow, 20 hex digits", "FFFFFFFFFFFFFFFFFFFF\r\n", .chunkSizeOverflow),
        .chunked("chunk size overflow, 17 significant digits", "10000000000000000\r\n", .chunkSizeOverflow),
        .chunked("huge chunk size", "FFFFFFFF\r\n", .bodyTooLarge),
        .chunked("chunk just over the limit", "4001\r\n", .bodyTooLarge),
        .chunked("chunks adding up over the limit", "4000\r\n" + String(repeating: "x", count: 0x4000) + "\r\n1\r\n",
                 .bodyTooLarge),
        .chunked("chunk data longer than its size", "5\r\nhelloXX\r\n0\r\n\r\n", .invalidChunkTerminator),
        .chunked("chunk data ended by bare LF", "5\r\nhello\n0\r\n\r\n", .invalidChunkTerminator),
        .chunked("chunk data ended by CR only", "5\r\nhello\r0\r\n\r\n", .invalidChunkTerminator),
        .chunked("chunk size line ended by bare LF", "5\nhello\r\n0\r\n\r\n", .bareLineFeed),
        .chunked("bare CR after chunk size", "5\rx\r\nhello\r\n0\r\n\r\n", .bareCarriageReturn),
        .chunked("whitespace after chunk size without extension", "5 \r\nhello\r\n0\r\n\r\n", .invalidChunkExtension),
        .chunked("semicolon without extension name", "5;\r\nhello\r\n0\r\n\r\n", .invalidChunkExtension),
        .chunked("NUL in a chunk extension", "5;a\0\r\nhello\r\n0\r\n\r\n", .invalidChunkExtension),
        .chunked("over-long chunk extension", "5;" + String(repeating: "a", count: 300) + "\r\n", .chunkLineTooLong),
        .chunked("malformed trailer", "0\r\nBad Trailer\r\n\r\n", .invalidFieldName),
        .chunked("folded trailer", "0\r\nX-T: a\r\n b\r\n\r\n", .obsoleteLineFolding),
        .chunked("trailer ended by bare LF", "0\r\nX-T: a\n\r\n", .bareLineFeed),
        .chunked("NUL in a trailer value", "0\r\nX-T: a\0\r\n\r\n", .invalidFieldValue),
    ]

    @Test(arguments: lineCases + framingCases + chunkCases)
    func rejects(_ testCase: Case) {
        let outcome = DecoderVerifier.verify(testCase.input)
        #expect(outcome == DecodeOutcome(requests: [], error: testCase.error))
    }

    /// One real input per status a decoder error can answer, with the exact error.
    static let statusCases: [(Case, Int)] = [
        (Case("400 NUL in a value", "GET / HTTP/1.1\r\nHost: a\r\nX: \0\r\n\r\n", .invalidFieldValue), 400),
        (.post("413 Content-Length 20000", "Content-Length: 20000\r\n", "", .bodyTooLarge), 413),
        (Case("414 request line of 8 KiB + 5", "GET /" + String(repeating: "a", count: 8192) + " HTTP/1.1\r\nHost: a\r\n\r\n",
              .requestLineTooLong), 414),
        (Case("431 one 32 KiB field", "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 32768) + "\r\n\r\n",
              .headerBlockTooLarge), 431),
        (.post("501 gzip", "Transfer-Encoding: gzip\r\n", "", .unsupportedTransferCoding), 501),
        (Case("505 HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 2, minor: 0)), 505),
    ]

    @Test(arguments: statusCases)
    func answersStatus(_ testCase: Case, status: Int) {
        let outcome = DecoderVerifier.verify(testCase.input)
        #expect(outcome == DecodeOutcome(requests: [], error: testCase.error))
        #expect(testCase.error.status == status)
    }

    @Test func descriptionsDoNotEchoHeaderValues() {
        let secret = "eyJhbGciOiJIUzI1NiJ9.secret"
        let outcome = DecoderVerifier.verify("GET / HTTP/1.1\r\nHost: a\r\nCookie: \(secret)\0\r\n\r\n")
        let error = outcome.error
        #expect(error == .invalidFieldValue)
        #expect(!"\(error.map { "\($0)" } ?? "")".contains("secret"))
        #expect(ParseError.unsupportedVersion(major: 2, minor: 0).description
            == "The HTTP version \"HTTP/2.0\" is not supported; only HTTP/1.1 and HTTP/1.0 are.")
    }
}
