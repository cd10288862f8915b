import Testing
@testable import Protocol

@Suite struct ResponseEncoderTests {
    static func text(_ response: Response) throws -> String {
        String(decoding: try ResponseEncoder.encode(response), as: UTF8.self)
    }

    @Test func authPassIsByteExact() throws {
        var response = Response(status: 200)
        response.append(.authorization, "Bearer eyJ.eyJ.sig")
        response.append(.remoteUser, "alice")
        response.append(.cacheControl, "no-store")
        #expect(try Self.text(response) == "HTTP/1.1 200 OK\r\nAuthorization: Bearer eyJ.eyJ.sig\r\n"
            + "Remote-User: alice\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func goldenUnauthorizedResponse() throws {
        var response = Response(status: 401)
        response.append(.location, "https://login.example.net/login?for=https%3A%2F%2Fshop.example.net%2F&mode=interceptor")
        response.append(.cacheControl, "no-store")
        #expect(try ResponseEncoder.encode(response) == Fixture.bytes("auth-401-response"))
    }

    @Test func bodyAndContentLength() throws {
        let response = Response(status: 503, headers: [("Content-Type", "text/plain")], body: Array("busy\n".utf8))
        #expect(try Self.text(response)
            == "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nbusy\n")
    }

    @Test func largeBodyLength() throws {
        let response = Response(status: 200, body: Array(repeating: 0x61, count: 1_234_567))
        let bytes = try ResponseEncoder.encode(response)
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 1234567\r\n\r\n".utf8)
        #expect(bytes.starts(with: head))
        #expect(bytes.count == head.count + 1_234_567)
    }

    @Test func noContentHasNoContentLength() throws {
        #expect(try Self.text(Response(status: 204)) == "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(throws: EncodeError.bodyNotAllowed) { try ResponseEncoder.encode(Response(status: 204, body: [1])) }
    }

    @Test func unknownStatusHasAnEmptyReason() throws {
        #expect(try Self.text(Response(status: 299)) == "HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: [(200, "OK"), (302, "Found"), (303, "See Other"), (400, "Bad Request"), (401, "Unauthorized"),
                      (403, "Forbidden"), (413, "Content Too Large"), (414, "URI Too Long"),
                      (429, "Too Many Requests"), (431, "Request Header Fields Too Large"),
                      (501, "Not Implemented"), (505, "HTTP Version Not Supported")])
    func reasonPhrases(status: Int, reason: String) {
        #expect(Response.reasonPhrase(for: status) == reason)
    }

    @Test func appendsToAReusedBuffer() throws {
        var buffer = Array("previous".utf8)
        try ResponseEncoder.encode(Response(status: 200), into: &buffer)
        try ResponseEncoder.encode(Response(status: 404), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "previousHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: ["a\rb", "a\nb", "a\0b", "x\r\nSet-Cookie: evil=1", "\u{7F}", "\u{01}", "\u{1F}"])
    func rejectsControlCharactersInValues(_ value: String) {
        var buffer = Array("kept".utf8)
        let response = Response(status: 302, headers: [("X-Ok", "1"), ("Location", value)])
        #expect(throws: EncodeError.invalidHeaderValue(index: 1)) { try ResponseEncoder.encode(response, into: &buffer) }
        #expect(buffer == Array("kept".utf8), "nothing is written on error")
    }

    @Test func allowsTabAndNonASCIIInValues() throws {
        let response = Response(status: 200, headers: [("X-V", "a\tb é")])
        #expect(try Self.text(response) == "HTTP/1.1 200 OK\r\nX-V: a\tb é\r\nContent-Length: 0\r\n\r\n")
    }

    @Test(arguments: ["", "Bad Name", "Bad:Name", "X\r", "X\n", "X\0", "Ä", "X-A\r\nX-B"])
    func rejectsNamesThatAreNotTokens(_ name: String) {
        let response = Response(status: 200, headers: [(name, "v")])
        #expect(throws: EncodeError.invalidHeaderName(index: 0)) { try ResponseEncoder.encode(response) }
    }

    @Test(arguments: ["Content-Length", "content-length", "Transfer-Encoding", "TRANSFER-ENCODING"])
    func rejectsFramingHeaders(_ name: String) {
        let response = Response(status: 200, headers: [("X", "1"), (name, "0")])
        #expect(throws: EncodeError.framingHeader(index: 1)) { try ResponseEncoder.encode(response) }
    }

    @Test(arguments: [-1, 0, 100, 101, 199, 600, 1000])
    func rejectsStatusesOutsideTheRange(_ status: Int) {
        #expect(throws: EncodeError.invalidStatus(status)) { try ResponseEncoder.encode(Response(status: status)) }
    }

    @Test func encodedResponseDoesNotEchoValuesInErrors() {
        let error = EncodeError.invalidHeaderValue(index: 2)
        #expect(error.description == "The value of header 2 contains a control character.")
    }
}
