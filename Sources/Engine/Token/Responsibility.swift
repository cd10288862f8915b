/// The `responsibility` claim (SPEC §5): binds a token to the tenant, or to one host when the
/// tenant says `silent_login: false`.
public enum Responsibility {
    /// Lowercase hex SHA-1 of the tenant name, as Uitsmijter writes it.
    public static func of(tenantName: String) -> String {
        Crypto.sha1Hex(tenantName)
    }

    /// Lowercase hex SHA-1 of the host the user logged in for. Host names compare without case
    /// (RFC 4343), so the host is lowercased first; browsers send it lowercased anyway.
    public static func of(host: String) -> String {
        Crypto.sha1Hex(host.lowercased())
    }
}
