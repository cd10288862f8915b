/// Everything `interceptor serve` can be told, from options and the environment (SPEC §1).
struct ServeOptions: Sendable {
    var listen: [ListenAddress] = []
    var tenantsDirectory = "/etc/interceptor/tenants"
    var secretFile: String?
    /// Token and cookie lifetime in seconds. Default: 7 days.
    var tokenLifetime = 7 * 86_400
    var cookieName = "uitsmijter-sso"
    var cookieSameSiteStrict = false
    var workers = 0
    var providerWorkers = 2
    var trustedProxies: [CIDR] = CIDR.loopback
    var headerTimeoutSeconds = 10.0
    var idleTimeoutSeconds = 75.0
    /// Connections beyond this are closed at once. Default: 16,384.
    var maxConnections = 16_384
    var publicDomain: String?
    var secure = true
    var scriptTimeoutSeconds = 30.0
    var logLevel = LogLevel.info
    var logFormat = LogFormat.logfmt

    static let defaultListen = ListenAddress.unix(path: "/run/interceptor/interceptor.sock")
}

/// The `token` command's arguments.
struct TokenOptions: Sendable {
    var tenant = ""
    var user = ""
    var subject: String?
    var role: String?
    var profile: String?
    var ttl: Int?
}

/// What the command line asks for.
enum Command: Sendable {
    case serve(ServeOptions)
    case checkConfig(ServeOptions)
    /// Internal: provider syntax check in a child process.
    case checkScripts
    case token(ServeOptions, TokenOptions)
    case help
    case version
}

/// A command line that cannot be understood: exit 2 with a usage line.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}
