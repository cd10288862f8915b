/// How the login cookie is written and cleared (SPEC §6).
///
/// `uitsmijter-sso=<token>; Expires=<exp>; Max-Age=<seconds>; Domain=<domain>; Path=/; Secure; HttpOnly; SameSite=Lax`
public struct CookiePolicy: Sendable, Equatable {
    /// Default: `uitsmijter-sso`.
    public var name: String
    /// Default: true (Uitsmijter: false).
    public var secure: Bool
    public var sameSite: SameSite

    public init(name: String = "uitsmijter-sso", secure: Bool = true, sameSite: SameSite = .lax) {
        self.name = name
        self.secure = secure
        self.sameSite = sameSite
    }

    /// A `Set-Cookie` value carrying `token` until `expires` (seconds since the epoch).
    /// `domain` nil makes a host-only cookie.
    public func issue(token: String, expires: Double, now: Double, domain: String?) -> String {
        let seconds = max(0, Int(expires - now))
        return "\(name)=\(token); Expires=\(HTTPDate.format(Int(expires))); Max-Age=\(seconds)" + attributes(domain)
    }

    /// A `Set-Cookie` value that removes the cookie set with the same `domain`.
    public func clear(domain: String?) -> String {
        "\(name)=; Expires=\(HTTPDate.format(0)); Max-Age=0" + attributes(domain)
    }

    private func attributes(_ domain: String?) -> String {
        var text = ""
        if let domain { text += "; Domain=\(domain)" }
        text += "; Path=/"
        if secure { text += "; Secure" }
        return text + "; HttpOnly; SameSite=\(sameSite.rawValue)"
    }
}
