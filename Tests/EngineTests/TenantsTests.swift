import Testing
@testable import Engine

@Suite struct TenantsTests {
    static let tenants: Tenants = {
        let yaml = """
        name: shop
        config: { hosts: [shop.example.net], providers: [] }
        ---
        name: apps
        config: { hosts: ["*.apps.example.net"], providers: [], interceptor: { cookie: .apps.example.net } }
        ---
        name: special
        config: { hosts: [special.apps.example.net], providers: [] }
        ---
        name: wild
        config: { hosts: ["*.example.com", localhost, 127.0.0.1], providers: [] }
        """
        return (try? TenantsLoader.load([("lookup.yaml", yaml)]).tenants) ?? .empty
    }()

    @Test func loaded() {
        #expect(Self.tenants.all.map(\.id) == ["apps", "shop", "special", "wild"])
    }

    @Test(arguments: [
        ("shop.example.net", "shop"),
        ("SHOP.Example.NET", "shop"),
        ("shop.example.net:8443", "shop"),
        ("shop.example.net.", "shop"),
        ("shop.example.net.:8443", "shop"),
        ("a.apps.example.net", "apps"),
        ("A-1.Apps.Example.Net:443", "apps"),
        ("special.apps.example.net", "special"), // an exact host wins over a wildcard
        ("x.example.com", "wild"),
        ("localhost:8080", "wild"),
        ("127.0.0.1", "wild"),
    ])
    func matches(host: String, id: String) {
        #expect(Self.tenants.tenant(forHost: host)?.id == id)
    }

    @Test(arguments: [
        "a.b.apps.example.net", // `*` is exactly one label
        "apps.example.net",     // … and not zero labels
        ".apps.example.net",
        "evil-example.com",     // a wildcard matches on a label boundary only
        "example.com",
        "x.example.com.evil.net",
        "shop.example.net.evil",
        "evil.shop.example.net",
        "shop.example.net..",
        "a_b.apps.example.net",
        "a b.apps.example.net",
        "[::1]:443",
        "",
    ])
    func doesNotMatch(host: String) {
        #expect(Self.tenants.tenant(forHost: host) == nil)
    }

    @Test func findsTenantsByID() {
        #expect(Self.tenants.tenant(id: "shop")?.hosts == ["shop.example.net"])
        #expect(Self.tenants.tenant(id: "nobody") == nil)
        #expect(Tenants.empty.count == 0)
    }

    @Test(arguments: [
        ("a.apps.example.net", true),
        ("apps.example.net", true),            // inside the cookie domain
        ("x.y.apps.example.net:8443", true),   // inside the cookie domain, any depth
        ("evil-apps.example.net", false),
        ("example.net", false),
        ("apps.example.net.evil.com", false),
        ("a.apps.example.net@evil.com", false),
    ])
    func tenantContainsItsHostsAndCookieDomain(host: String, contained: Bool) throws {
        let tenant = try #require(Self.tenants.tenant(id: "apps"))
        #expect(tenant.contains(host: host) == contained)
    }

    @Test(arguments: [
        ("shop.example.net", true),
        ("Shop.Example.Net.:443", true),
        ("www.shop.example.net", false),
        ("example.net", false),
    ])
    func tenantWithoutCookieDomainContainsOnlyItsHosts(host: String, contained: Bool) throws {
        let tenant = try #require(Self.tenants.tenant(id: "shop"))
        #expect(tenant.contains(host: host) == contained)
    }
}
