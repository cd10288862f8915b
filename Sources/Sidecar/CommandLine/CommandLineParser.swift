/// Parses arguments and environment into a `Command`; pure, so it is unit-tested.
struct CommandLineParser {
    let environment: [String: String]

    static let usage = """
        usage: interceptor [serve] [--listen unix:PATH|tcp:HOST:PORT]... [--tenants DIR] [--secret-file PATH]
                           [--token-lifetime DURATION] [--cookie-name NAME] [--cookie-samesite strict|lax]
                           [--workers N] [--provider-workers N] [--trusted-proxy CIDR]...
                           [--header-timeout SECONDS] [--idle-timeout SECONDS] [--max-connections N]
               interceptor check-config [--tenants DIR]
               interceptor token --tenant ID --user U [--sub S] [--role R] [--profile JSON] [--ttl SECONDS]
               interceptor --version | --help
        """

    static let help = """
        interceptor: authentication sidecar for nginx auth_request, Traefik forwardAuth and Caddy forward_auth.

        \(usage)

        Environment: JWT_SECRET, JWT_SECRET_PREVIOUS, CREDENTIALS_DIRECTORY, TENANTS_DIR, COOKIE_EXPIRATION_IN_DAYS,
        PUBLIC_DOMAIN, SECURE, SCRIPT_TIMEOUT, LOG_LEVEL, LOG_FORMAT. See README.md.
        """

    func parse(_ arguments: [String]) throws(UsageError) -> Command {
        var options = try environmentDefaults()
        var rest = arguments[...]
        var command = "serve"
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest = rest.dropFirst()
        }
        if command == "check-scripts" && rest.isEmpty { return .checkScripts }
        guard ["serve", "check-config", "token"].contains(command) else {
            throw UsageError(description: "unknown command \"\(command)\"")
        }
        var token = TokenOptions()
        var explicitListen: [ListenAddress] = []
        var explicitProxies: [CIDR] = []

        while let argument = rest.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = rest.popFirst() else { throw UsageError(description: "option \(name) needs a value") }
                return next
            }
            switch (command, name) {
            case (_, "--help"), (_, "-h"): return .help
            case (_, "--version"): return .version
            case (_, "--tenants"): options.tenantsDirectory = try value()
            case ("serve", "--listen"), ("token", "--listen"):
                let text = try value()
                guard let address = ListenAddress(text) else {
                    throw UsageError(description: "--listen \"\(text)\" must be unix:/ABSOLUTE/PATH or tcp:HOST:PORT")
                }
                explicitListen.append(address)
            case ("serve", "--secret-file"), ("token", "--secret-file"): options.secretFile = try value()
            case ("serve", "--token-lifetime"), ("token", "--token-lifetime"):
                let text = try value()
                guard let seconds = Self.duration(text), seconds > 0 else {
                    throw UsageError(description: "--token-lifetime \"\(text)\" must be a duration like 7d, 12h, 30m or 3600")
                }
                options.tokenLifetime = seconds
            case ("serve", "--cookie-name"):
                let text = try value()
                guard !text.isEmpty, text.utf8.allSatisfy(Self.isTokenByte) else {
                    throw UsageError(description: "--cookie-name \"\(text)\" must be a cookie name token")
                }
                options.cookieName = text
            case ("serve", "--cookie-samesite"):
                switch try value().lowercased() {
                case "strict": options.cookieSameSiteStrict = true
                case "lax": options.cookieSameSiteStrict = false
                case let other: throw UsageError(description: "--cookie-samesite \"\(other)\" must be strict or lax")
                }
            case ("serve", "--workers"): options.workers = try count(name, try value(), allowZero: false)
            case ("serve", "--provider-workers"): options.providerWorkers = try count(name, try value(), allowZero: false)
            case ("serve", "--trusted-proxy"):
                let text = try value()
                guard let cidr = CIDR(text) else {
                    throw UsageError(description: "--trusted-proxy \"\(text)\" must be an address or network like 10.0.0.0/8")
                }
                explicitProxies.append(cidr)
            case ("serve", "--header-timeout"): options.headerTimeoutSeconds = try seconds(name, try value())
            case ("serve", "--idle-timeout"): options.idleTimeoutSeconds = try seconds(name, try value())
            case ("serve", "--max-connections"): options.maxConnections = try count(name, try value(), allowZero: false)
            case ("token", "--tenant"): token.tenant = try value()
            case ("token", "--user"): token.user = try value()
            case ("token", "--sub"): token.subject = try value()
            case ("token", "--role"): token.role = try value()
            case ("token", "--profile"): token.profile = try value()
            case ("token", "--ttl"): token.ttl = try count(name, try value(), allowZero: false)
            default:
                throw UsageError(description: "unknown option \"\(name)\" for \(command)")
            }
        }
        options.listen = explicitListen.isEmpty ? [ServeOptions.defaultListen] : explicitListen
        if !explicitProxies.isEmpty { options.trustedProxies = explicitProxies }

        switch command {
        case "check-config": return .checkConfig(options)
        case "token":
            guard !token.tenant.isEmpty, !token.user.isEmpty else {
                throw UsageError(description: "token needs --tenant ID and --user NAME")
            }
            return .token(options, token)
        default: return .serve(options)
        }
    }

    private func environmentDefaults() throws(UsageError) -> ServeOptions {
        var options = ServeOptions()
        if let directory = environment["TENANTS_DIR"], !directory.isEmpty { options.tenantsDirectory = directory }
        if let days = environment["COOKIE_EXPIRATION_IN_DAYS"], !days.isEmpty {
            guard let value = Int(days), value > 0, value <= 3650 else {
                throw UsageError(description: "COOKIE_EXPIRATION_IN_DAYS \"\(days)\" must be a whole number of days from 1 to 3650")
            }
            options.tokenLifetime = value * 86_400
        }
        if let domain = environment["PUBLIC_DOMAIN"], !domain.isEmpty { options.publicDomain = domain }
        if let secure = environment["SECURE"], !secure.isEmpty {
            switch secure.lowercased() {
            case "true", "1", "yes": options.secure = true
            case "false", "0", "no": options.secure = false
            default: throw UsageError(description: "SECURE \"\(secure)\" must be true or false")
            }
        }
        if let timeout = environment["SCRIPT_TIMEOUT"], !timeout.isEmpty {
            options.scriptTimeoutSeconds = try seconds("SCRIPT_TIMEOUT", timeout)
        }
        if let level = environment["LOG_LEVEL"], !level.isEmpty {
            guard let parsed = LogLevel(name: level) else {
                throw UsageError(description: "LOG_LEVEL \"\(level)\" must be debug, info, notice, warning or error")
            }
            options.logLevel = parsed
        }
        if let format = environment["LOG_FORMAT"], !format.isEmpty {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw UsageError(description: "LOG_FORMAT \"\(format)\" must be logfmt or json")
            }
            options.logFormat = parsed
        }
        return options
    }

    private func count(_ name: String, _ text: String, allowZero: Bool) throws(UsageError) -> Int {
        guard let value = Int(text), value >= (allowZero ? 0 : 1), value <= 1_000_000_000 else {
            throw UsageError(description: "\(name) \"\(text)\" must be a positive whole number")
        }
        return value
    }

    private func seconds(_ name: String, _ text: String) throws(UsageError) -> Double {
        guard let value = Double(text), value > 0, value <= 86_400 else {
            throw UsageError(description: "\(name) \"\(text)\" must be a number of seconds above 0")
        }
        return value
    }

    /// Seconds in `7d`, `12h`, `30m`, `45s` or a plain number of seconds.
    static func duration(_ text: String) -> Int? {
        guard let unit = text.last else { return nil }
        let factors: [Character: Int] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        if let factor = factors[unit] {
            guard let value = Int(text.dropLast()), value >= 0, value <= 3_650 * 86_400 / factor else { return nil }
            return value * factor
        }
        guard let value = Int(text), value >= 0, value <= 3_650 * 86_400 else { return nil }
        return value
    }

    /// RFC 9110 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
