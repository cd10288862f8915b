import Testing
@testable import Protocol

/// Golden requests as proxies and browsers send them, CRLF kept.
@Suite struct FixtureTests {
    @Test func fixturesKeepCRLF() throws {
        let bytes = try Fixture.bytes("nginx-auth-request")
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(!lineFeeds.isEmpty)
        #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
    }

    @Test func nginxAuthRequestSubrequest() throws {
        let outcome = DecoderVerifier.verify(try Fixture.bytes("nginx-auth-request"))
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/auth_request")
        #expect(request.query == nil)
        #expect(request.version == .http1_0)
        #expect(request.keepAlive == false)
        #expect(request.headers.count == 17)
        #expect(request.body.isEmpty)
    }

    @Test func nginxAuthRequestLookups() throws {
        var decoder = RequestDecoder()
        decoder.append(try Fixture.bytes("nginx-auth-request"))
        let request = try #require(try decoder.next())
        #expect(request.headers[.host] == "localhost")
        #expect(request.headers[.xForwardedHost] == "shop.example.net")
        #expect(request.headers[.xForwardedUri] == "/cart?item=42&qty=1")
        #expect(request.headers[.xForwardedProto] == "https")
        #expect(request.headers[.xForwardedMethod] == "GET")
        #expect(request.headers[.cookie]?.hasPrefix("uitsmijter-sso=eyJ") == true)
        #expect(request.headers[.authorization] == nil)
        #expect(request.headers[.accept]?.contains("text/html") == true)
    }

    @Test func nginxKeepAliveSubrequestWithTwoCookieLines() throws {
        let outcome = DecoderVerifier.verify(try Fixture.bytes("nginx-auth-request-keepalive"))
        let request = try #require(outcome.requests.first)
        #expect(outcome.error == nil)
        #expect(request.version == .http1_1)
        #expect(request.keepAlive)
        var decoder = RequestDecoder()
        decoder.append(try Fixture.bytes("nginx-auth-request-keepalive"))
        let decoded = try #require(try decoder.next())
        #expect(decoded.headers.values(.cookie) == ["a=1", "uitsmijter-sso=eyJ.eyJ.sig"])
    }

    @Test func traefikForwardAuth() throws {
        var decoder = RequestDecoder()
        decoder.append(try Fixture.bytes("traefik-forward-auth"))
        let request = try #require(try decoder.next())
        #expect(request.path == "/interceptor")
        #expect(request.keepAlive)
        #expect(request.headers[.xForwardedUri] == "/orders?page=2")
        #expect(request.headers[.xForwardedFor] == "203.0.113.7")
        #expect(try decoder.next() == nil)
    }

    @Test(arguments: ["login-post", "login-post-chunked"])
    func loginFormBody(fixture: String) throws {
        let outcome = DecoderVerifier.verify(try Fixture.bytes(fixture))
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.method == "POST")
        #expect(String(decoding: request.body, as: UTF8.self)
            == "username=alice%40example.net&password=s3cr%26t&location=https%3A%2F%2Fshop.example.net%2F&mode=interceptor&csrf=abc")
        #expect(!request.headers.contains { $0.name == "X-Checksum" }, "trailer fields are not merged")
    }

    @Test func allFixturesPipelined() throws {
        let names = ["nginx-auth-request-keepalive", "traefik-forward-auth", "login-post", "login-post-chunked",
                     "nginx-auth-request"]
        let input = try names.flatMap { try Fixture.bytes($0) }
        let outcome = DecoderVerifier.verify(input)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.path) == ["/auth_request", "/interceptor", "/login", "/login", "/auth_request"])
    }
}
