import Testing
@testable import Engine

@Suite struct HostNameTests {
    @Test(arguments: [
        ("shop.example.net", "shop.example.net"),
        ("Shop.Example.NET", "shop.example.net"),
        ("*.apps.example.net", "*.apps.example.net"),
        ("*.Apps.Example.Net", "*.apps.example.net"),
        ("localhost", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("a-b.c-d.e", "a-b.c-d.e"),
        (String(repeating: "a", count: 63) + ".example", String(repeating: "a", count: 63) + ".example"),
    ])
    func acceptsPatterns(text: String, pattern: String) {
        #expect(HostName.validatedPattern(text) == pattern)
    }

    @Test(arguments: [
        "", "*", "*.", "a.*.b", "*foo.example", "**.example.com", "*.*.example.com", "foo.*",
        "under_score.example.com", "-dash.example.com", "dash-.example.com", "a..b", ".a", "a.", "a. b",
        "exa mple.com", "bücher.example", "\u{212A}.example", // Kelvin sign: lowercases to "k"
        "[::1]", "::1", "a.example:80", "a/b.example",
        String(repeating: "a", count: 64) + ".example",
        String(repeating: "abcdefghi.", count: 25) + "abcd", // 254 characters
    ])
    func rejectsPatterns(text: String) {
        #expect(HostName.validatedPattern(text) == nil)
    }

    @Test func acceptsTheLongestName() {
        let name = String(repeating: "abcdefghi.", count: 25) + "abc" // 253 characters
        #expect(HostName.validated(name) == name)
    }

    @Test(arguments: [
        ("shop.example.net", "shop.example.net"),
        ("Shop.Example.NET", "shop.example.net"),
        ("shop.example.net:8443", "shop.example.net"),
        ("shop.example.net.", "shop.example.net"),
        ("SHOP.example.net.:443", "shop.example.net"),
        ("localhost:8080", "localhost"),
    ])
    func normalizesForwardedHosts(host: String, normalized: String) {
        #expect(HostName.normalized(host) == Substring(normalized))
    }

    @Test(arguments: [
        "", ".", ":80", "shop.example.net:", "shop.example.net:abc", "shop.example.net:123456", "a:1:2",
        "a..b", ".a", "a..", "[::1]:80", "a b", "a/b", "user@a.example", "a\u{0}.b", "a_b.example",
    ])
    func rejectsForwardedHostsThatCannotMatch(host: String) {
        #expect(HostName.normalized(host) == nil)
    }

    @Test(arguments: [
        ("example.net", "example.net", true),
        ("www.example.net", "example.net", true),
        ("a.b.example.net", "example.net", true),
        ("evil-example.net", "example.net", false),
        ("example.net.evil.com", "example.net", false),
        ("xample.net", "example.net", false),
        ("net", "example.net", false),
    ])
    func domainsContainHostsOnLabelBoundaries(host: String, domain: String, inside: Bool) {
        #expect(HostName.host(Substring(host), isInside: domain) == inside)
    }
}
