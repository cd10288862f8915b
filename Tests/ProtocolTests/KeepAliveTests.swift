import Testing
@testable import Protocol

/// RFC 9112 §9.3: persistence from the version and the `Connection` options.
@Suite struct KeepAliveTests {
    @Test(arguments: [
        ("HTTP/1.1", [], true),
        ("HTTP/1.1", ["close"], false),
        ("HTTP/1.1", ["Close"], false),
        ("HTTP/1.1", [" keep-alive , CLOSE "], false),
        ("HTTP/1.1", ["keep-alive", "close"], false),
        ("HTTP/1.1", ["Upgrade"], true),
        ("HTTP/1.1", ["closed"], true),
        ("HTTP/1.1", [""], true),
        ("HTTP/1.0", [], false),
        ("HTTP/1.0", ["keep-alive"], true),
        ("HTTP/1.0", ["Keep-Alive"], true),
        ("HTTP/1.0", ["te,,keep-alive"], true),
        ("HTTP/1.0", ["keep-alive, close"], false),
        ("HTTP/1.0", ["keep-alive-ish"], false),
        ("HTTP/1.0", ["close"], false),
    ] as [(String, [String], Bool)])
    func keepAlive(version: String, connection: [String], expected: Bool) throws {
        let input = "GET / \(version)\r\nHost: a\r\n" + connection.map { "Connection: \($0)\r\n" }.joined() + "\r\n"
        let outcome = DecoderVerifier.verify(input)
        let request = try #require(outcome.requests.first)
        #expect(request.keepAlive == expected)
    }
}
