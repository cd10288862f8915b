import Testing
@testable import Protocol

@Suite struct HeadersTests {
    static func decode(_ fields: String) throws -> Request {
        var decoder = RequestDecoder()
        decoder.append(Array("GET /p?q=1 HTTP/1.1\r\nHost: a\r\n\(fields)\r\n".utf8))
        return try #require(try decoder.next())
    }

    @Test func lookupIsCaseInsensitiveAndReturnsTheFirstValue() throws {
        let request = try Self.decode("COOKIE: a=1\r\ncookie: b=2\r\nCookie: c=3\r\n")
        #expect(request.headers[.cookie] == "a=1")
        #expect(request.headers.values(.cookie) == ["a=1", "b=2", "c=3"])
        #expect(request.headers.count(of: .cookie) == 3)
        #expect(request.headers.contains(.cookie))
        #expect(!request.headers.contains(.origin))
        #expect(request.headers.values(.origin) == [])
        #expect(request.headers.valueBytes(.cookie) == ArraySlice("a=1".utf8))
    }

    @Test func lookupByRuntimeName() throws {
        let request = try Self.decode("X-Custom-Thing: yes\r\n")
        let name = try #require(HeaderName("x-custom-THING"))
        #expect(request.headers[name] == "yes")
    }

    @Test func iterationKeepsOrderAndSpelling() throws {
        let request = try Self.decode("x-b: 2\r\nX-A: 1\r\n")
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == ["Host=a", "x-b=2", "X-A=1"])
    }

    @Test func targetParts() throws {
        let request = try Self.decode("")
        #expect(request.target == "/p?q=1")
        #expect(request.path == "/p")
        #expect(request.query == "q=1")
        #expect(request.methodBytes == ArraySlice("GET".utf8))
        #expect(request.targetBytes == ArraySlice("/p?q=1".utf8))
    }
}

@Suite struct HeaderNameTests {
    @Test func equalityAndHashingIgnoreCase() throws {
        let name = try #require(HeaderName("x-forwarded-uri"))
        #expect(name == .xForwardedUri)
        #expect(Set([name, .xForwardedUri, .host]).count == 2)
        #expect(name.description == "x-forwarded-uri", "the given spelling is kept for writing")
        #expect(HeaderName.contentLength.description == "Content-Length")
    }

    @Test(arguments: ["", "Bad Name", "Bad:Name", "X\r", "X\n", "X\0", "Ä", "(x)"])
    func rejectsNonTokens(_ name: String) {
        #expect(HeaderName(name) == nil)
    }

    @Test func knownNamesAreTokens() {
        let known: [HeaderName] = [.host, .cookie, .authorization, .contentLength, .transferEncoding, .connection,
                                   .xForwardedProto, .xForwardedHost, .xForwardedUri, .xForwardedMethod,
                                   .xForwardedFor, .xRequestedWith, .accept, .origin, .contentType, .upgrade,
                                   .location, .setCookie, .cacheControl, .remoteUser, .retryAfter]
        for name in known {
            #expect(HeaderName(name.description) == name)
        }
    }
}
