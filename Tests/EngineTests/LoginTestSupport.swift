@testable import Engine

/// Tenants shared by the Login suites.
enum LoginFixture {
    /// `shop`: its hosts, a wildcard, a listed IPv4 address, and cookie domain `example.net`.
    static let shop = Tenant(
        id: "shop", name: "Shop", namespace: nil,
        hosts: ["shop.example.net", "*.apps.example.com", "127.0.0.1"],
        interceptor: .init(enabled: true, domain: "login.example.net", cookieDomain: "example.net"),
        silentLogin: true,
        informations: .init(imprintURL: "https://example.net/imprint", privacyURL: "https://example.net/privacy",
                            registerURL: "https://example.net/register?from=login&x=1"),
        providerScript: "")

    /// `blog`: one host and no cookie domain.
    static let blog = Tenant(
        id: "blog", name: "blog", namespace: nil, hosts: ["blog.example.org"],
        interceptor: .init(), silentLogin: true, informations: .init(), providerScript: "")
}
