import Engine

/// (4) LoginForm for both media types, and RedirectTarget on the data as a URL for a fixed
/// tenant: an accepted redirect must point at one of the tenant's hosts and be stable.
enum LoginTarget {
    static let shop = Tenant(
        id: "shop", name: "Shop", namespace: nil,
        hosts: ["shop.example.net", "*.apps.example.com", "127.0.0.1"],
        interceptor: .init(enabled: true, domain: "login.example.net", cookieDomain: "example.net"),
        silentLogin: true, informations: .init(), providerScript: "")

    static let limits = LoginForm.Limits()

    static func run(_ data: [UInt8]) {
        for contentType in ["application/x-www-form-urlencoded", "application/json; charset=UTF-8"] {
            if let form = try? LoginForm(body: data, contentType: contentType) {
                guard form.username.utf8.count <= limits.username, form.password.utf8.count <= limits.password,
                      form.location.utf8.count <= limits.location, !form.mode.isEmpty,
                      form.mode.utf8.count <= limits.other, form.scope.utf8.count <= limits.other,
                      form.csrf.utf8.count <= limits.other
                else { violated("a LoginForm field exceeds its limit: \(form.debugDescription)") }
                _ = form.description
                checkRedirect(form.location)
            }
        }
        checkRedirect(String(decoding: data, as: UTF8.self))
    }

    static func checkRedirect(_ candidate: String) {
        let target = RedirectTarget(candidate, tenant: shop, proto: "https", loginHost: "login.example.net")
        guard !target.isFallback else {
            guard target.url == "https://login.example.net/" else { violated("fallback is \(target.url)") }
            return
        }
        guard let host = naiveHost(target.url), allowed(host) else {
            violated("redirect to a host outside the tenant: \(target.url.debugDescription) from \(candidate.debugDescription)")
        }
        // Normalizing is idempotent: the URL sent in Location is accepted again unchanged.
        let again = RedirectTarget(target.url, tenant: shop, proto: "https", loginHost: "login.example.net")
        guard !again.isFallback, again.url == target.url else {
            violated("normalized redirect not stable: \(target.url.debugDescription) -> \(again.url.debugDescription)")
        }
        guard RedirectTarget.host(of: target.url) == host else {
            violated("host(of:) \(String(describing: RedirectTarget.host(of: target.url))) vs \(host)")
        }
    }

    /// The host as a browser would read it from a strict URL, written independently of `AbsoluteURL`:
    /// nil when the text has anything a browser might read differently (`\`, `@`, controls, non-ASCII).
    static func naiveHost(_ url: String) -> String? {
        let bytes = Array(url.utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        let lower = String(decoding: bytes, as: UTF8.self).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) }
        else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) }
        else { return nil }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@"), !authority.contains("%"), !authority.contains("[") else { return nil }
        var host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if host.hasSuffix(".") { host = host.dropLast() }
        return String(host)
    }

    static func allowed(_ host: String) -> Bool {
        if host == "shop.example.net" || host == "127.0.0.1" || host == "example.net" || host.hasSuffix(".example.net") {
            return !host.hasPrefix(".") && !host.contains("..")
        }
        if host.hasSuffix(".apps.example.com") {
            let label = host.dropLast(".apps.example.com".count)
            return !label.isEmpty && !label.contains(".")
        }
        return false
    }
}
