import Testing
@testable import Engine

@Suite struct LoginTenantResolverTests {
    static let tenants: Tenants = {
        let yaml = """
        name: shop
        config: { hosts: [shop.example.net, login.example.net], providers: [] }
        ---
        name: blog
        config: { hosts: ["*.blog.example.org"], providers: [] }
        """
        return (try? TenantsLoader.load([("login.yaml", yaml)]).tenants) ?? .empty
    }()

    @Test(arguments: [
        ("https://a.blog.example.org/post", "login.example.net", "blog"),   // the target's host decides
        ("HTTPS://A.BLOG.EXAMPLE.ORG.:8443/", "login.example.net", "blog"),
        ("https://shop.example.net/", "unknown.example", "shop"),
        ("https://evil.com/", "login.example.net", "shop"),                  // unknown target: the request host
        ("//a.blog.example.org/", "login.example.net", "shop"),              // not a strict URL: the request host
        ("https://user@a.blog.example.org/", "login.example.net", "shop"),
        ("", "Login.Example.NET:443", "shop"),
    ])
    func resolves(target: String, requestHost: String, id: String) {
        #expect(LoginTenantResolver.tenant(target: target, requestHost: requestHost, in: Self.tenants)?.id == id)
    }

    @Test func noTarget() {
        #expect(LoginTenantResolver.tenant(target: nil, requestHost: "x.blog.example.org", in: Self.tenants)?.id == "blog")
    }

    @Test(arguments: [("https://evil.com/", "evil.com"), ("", ""), ("https://shop.example.net.evil/", "[::1]")])
    func none(target: String, requestHost: String) {
        #expect(LoginTenantResolver.tenant(target: target, requestHost: requestHost, in: Self.tenants) == nil)
    }
}
