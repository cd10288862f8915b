import Testing
@testable import Engine

@Suite struct LoginRedirectTargetTests {
    static let fallback = "https://login.example.net/"

    @Test(arguments: [
        ("https://shop.example.net/cart?x=1&y=2#top", "https://shop.example.net/cart?x=1&y=2#top"),
        ("http://shop.example.net/", "http://shop.example.net/"),
        ("HTTPS://SHOP.Example.NET/Path?Q=A", "https://shop.example.net/Path?Q=A"),
        ("https://shop.example.net", "https://shop.example.net/"),
        ("https://shop.example.net?x=1", "https://shop.example.net/?x=1"),
        ("https://shop.example.net#frag", "https://shop.example.net/#frag"),
        ("https://shop.example.net:8443/a", "https://shop.example.net:8443/a"),
        ("https://shop.example.net:1/", "https://shop.example.net:1/"),
        ("https://shop.example.net:65535/", "https://shop.example.net:65535/"),
        ("https://shop.example.net./a", "https://shop.example.net/a"),
        ("https://Shop.Example.Net.:443/a", "https://shop.example.net:443/a"),
        ("https://a.apps.example.com/", "https://a.apps.example.com/"),
        ("https://deep.sub.example.net/", "https://deep.sub.example.net/"), // inside the cookie domain
        ("https://example.net/", "https://example.net/"),                   // the cookie domain itself
        ("https://login.example.net/x", "https://login.example.net/x"),
        ("https://127.0.0.1:8080/x", "https://127.0.0.1:8080/x"),           // listed verbatim
        ("https://shop.example.net/a%20b%2F%3F", "https://shop.example.net/a%20b%2F%3F"),
        ("https://shop.example.net/%5Cpath", "https://shop.example.net/%5Cpath"), // an escaped \ in a path is data
        ("https://shop.example.net//evil.com", "https://shop.example.net//evil.com"), // a path on the good host
        ("https://shop.example.net/a@b:c", "https://shop.example.net/a@b:c"),       // @ after the authority
        ("https://shop.example.net/?next=https://evil.com", "https://shop.example.net/?next=https://evil.com"),
    ])
    func keeps(candidate: String, url: String) {
        let target = RedirectTarget(candidate, tenant: LoginFixture.shop, proto: "https", loginHost: "login.example.net")
        #expect(target.url == url)
        #expect(!target.isFallback)
    }

    @Test(arguments: [
        "", "/", "/relative", "relative", "?x=1", "#x",
        // Other hosts and look-alikes.
        "https://evil.com", "https://evil.com/", "http://evil.com/shop.example.net",
        "https://example.com.evil.com/", "https://shop.example.net.evil.com/", "https://evilexample.net/",
        "https://example.net.evil/", "https://shop-example.net/", "https://blog.example.org/",
        "https://a.b.apps.example.com/", "https://apps.example.com/", "https://x.apps.example.com.evil/",
        // Scheme-relative and other schemes.
        "//evil.com", "//shop.example.net/", "///shop.example.net/", "javascript:alert(1)",
        "JavaScript://shop.example.net/%0Aalert(1)", "javascript://shop.example.net/", "data:text/html,<script>",
        "data:text/html;base64,PHNjcmlwdD4=", "ftp://shop.example.net/", "file:///etc/passwd",
        "httpss://shop.example.net/", "http:/shop.example.net/", "https:shop.example.net", "http//shop.example.net",
        "https:///shop.example.net", "https://", "https://:443/", " https://shop.example.net/",
        // Backslashes anywhere.
        "https:\\\\evil.com", "\\\\evil.com", "/\\evil.com", "https:/\\evil.com", "https:\\/evil.com",
        "https://shop.example.net\\@evil.com", "https://shop.example.net/\\evil", "https://shop.example.net\\",
        // Userinfo.
        "https://a@evil.com", "https://shop.example.net@evil.com", "https://evil.com@shop.example.net/",
        "https://user:pass@shop.example.net/", "https://@shop.example.net/", "https://:@shop.example.net/",
        // Controls, raw or escaped.
        "https://shop.example.net/\r\nSet-Cookie: x=1", "https://shop.example.net/\n", "https://shop.example.net/\t",
        "https://shop.example.net\t/", "https://sh\top.example.net/", "https://shop.example.net/a b",
        "https://shop.example.net/\u{0}", "https://shop.example.net\u{0}.evil.com/", "https://shop.example.net/\u{7F}",
        "https://shop.example.net/\u{1B}[0m", "https://shop.example.net%0d%0aSet-Cookie:x=1/",
        "https://shop.example.net/%0d%0aSet-Cookie:x=1", "https://shop.example.net/%0D%0A", "https://shop.example.net/%0a",
        "https://shop.example.net/?a=%00", "https://shop.example.net/#%09", "https://shop.example.net/%7f",
        "https://shop.example.net/%1F", "https://shop.example.net/%zz", "https://shop.example.net/%4",
        "https://shop.example.net/%", "https://sh%6Fp.example.net/", "https://evil.com%2F@shop.example.net/",
        "https://shop.example.net%2eevil.com/",
        // Characters that never appear raw in a browser's URL.
        "https://shop.example.net/\"><script>alert(1)</script>", "https://shop.example.net/<x>",
        "https://shöp.example.net/", "https://shop.example.net/ü", "https://shop.example.net/\u{2028}",
        // Bad hosts and ports.
        "https://shop.example.net../", "https://.shop.example.net/", "https://shop..example.net/",
        "https://shop_x.example.net/", "https://-shop.example.net/", "https://xn--.example.net/",
        "https://shop.example.net:0/", "https://shop.example.net:65536/", "https://shop.example.net:/",
        "https://shop.example.net:80:80/", "https://shop.example.net:8a/", "https://shop.example.net:123456/",
        "https://shop.example.net:+80/",
        // IP literals not listed, and other spellings of a listed one.
        "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://127.0.0.2/", "https://127.1/",
        "https://2130706433/", "https://0x7f.0.0.1/", "https://0x7f000001/", "https://017700000001/",
        "https://127.0.0.01/", "https://1.example.net.0/",
    ])
    func refuses(candidate: String) {
        let target = RedirectTarget(candidate, tenant: LoginFixture.shop, proto: "https", loginHost: "login.example.net")
        #expect(target.url == Self.fallback)
        #expect(target.isFallback)
    }

    @Test func refusesMissingAndOverlongCandidates() {
        let long = "https://shop.example.net/" + String(repeating: "a", count: AbsoluteURL.maximumLength)
        for candidate in [nil, long] {
            #expect(RedirectTarget(candidate, tenant: LoginFixture.shop, proto: "https", loginHost: "login.example.net")
                    .url == Self.fallback)
        }
        let longest = "https://shop.example.net/" + String(repeating: "a", count: AbsoluteURL.maximumLength - 25)
        #expect(RedirectTarget(longest, tenant: LoginFixture.shop, proto: "https", loginHost: "x").url == longest)
    }

    @Test func tenantWithoutCookieDomainAllowsOnlyItsHosts() {
        func url(_ candidate: String) -> String {
            RedirectTarget(candidate, tenant: LoginFixture.blog, proto: "http", loginHost: "blog.example.org:8080").url
        }
        #expect(url("https://blog.example.org/post/1") == "https://blog.example.org/post/1")
        #expect(url("https://www.blog.example.org/") == "http://blog.example.org:8080/")
        #expect(url("https://shop.example.net/") == "http://blog.example.org:8080/")
        #expect(url("https://127.0.0.1/") == "http://blog.example.org:8080/")
    }

    @Test(arguments: [
        ("https", "login.example.net", "https://login.example.net/"),
        ("http", "Login.Example.NET:8080", "http://login.example.net:8080/"),
        ("HTTP", "a.example", "http://a.example/"),
        ("gopher", "a.example", "https://a.example/"),
    ])
    func fallback(proto: String, loginHost: String, url: String) {
        #expect(RedirectTarget.fallback(proto: proto, loginHost: loginHost) == url)
    }

    /// Every byte below 0x21, DEL, every byte ≥ 0x80, and `\ " < >` are refused in each part of the URL.
    @Test func sweepsForbiddenBytes() {
        var forbidden = Array(0x00...0x20).map(UInt8.init) + [0x7F, 0x5C, 0x22, 0x3C, 0x3E]
        forbidden += Array(0x80...0xFF).map(UInt8.init)
        for byte in forbidden {
            let insert = byte < 0x80 ? String(UnicodeScalar(byte)) : String(UnicodeScalar(UInt32(byte) + 0x100)!)
            for template in ["https://shop.example.net/X", "https://shop.example.netX/", "https://shop.Xexample.net/",
                             "https://shop.example.net/?q=X", "https://shop.example.net/#X", "httpsX://shop.example.net/"] {
                let candidate = template.replacingOccurrences("X", with: insert)
                #expect(AbsoluteURL(candidate) == nil, "byte \(byte) in \(template)")
            }
        }
        for byte in (0x00...0x1F).map({ $0 }) + [0x7F] {
            let hex = String(byte, radix: 16, uppercase: true)
            let escape = "%" + (hex.count == 1 ? "0" + hex : hex)
            #expect(AbsoluteURL("https://shop.example.net/a" + escape) == nil, "escape \(escape)")
        }
    }

    @Test(arguments: [
        ("https://shop.example.net/", "shop.example.net"),
        ("HTTP://A.Example.COM.:80/x", "a.example.com"),
    ])
    func hostOf(candidate: String, host: String) {
        #expect(RedirectTarget.host(of: candidate) == host)
    }

    @Test func hostOfNonURL() {
        #expect(RedirectTarget.host(of: "//evil.com") == nil)
        #expect(RedirectTarget.host(of: "https://a@evil.com") == nil)
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
