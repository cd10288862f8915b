import Testing
@testable import Sidecar

@Suite struct CommandLineParserTests {
    func parse(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError) -> Command {
        try CommandLineParser(environment: environment).parse(arguments)
    }

    @Test func defaultsToServeOnTheDefaultSocket() throws {
        guard case .serve(let options) = try parse([]) else { Issue.record("not serve"); return }
        #expect(options.listen == [.unix(path: "/run/interceptor/interceptor.sock")])
        #expect(options.tenantsDirectory == "/etc/interceptor/tenants")
        #expect(options.tokenLifetime == 7 * 86_400)
        #expect(options.secure)
        #expect(options.trustedProxies == CIDR.loopback)
    }

    @Test func repeatableListenersAndInlineValues() throws {
        guard case .serve(let options) = try parse(["serve", "--listen", "unix:/tmp/a.sock", "--listen=tcp:[::1]:9000",
                                                    "--listen", "tcp:127.0.0.1:8081"]) else {
            Issue.record("not serve"); return
        }
        #expect(options.listen == [.unix(path: "/tmp/a.sock"), .tcp(host: "::1", port: 9000),
                                   .tcp(host: "127.0.0.1", port: 8081)])
    }

    @Test func environmentSettings() throws {
        let environment = ["COOKIE_EXPIRATION_IN_DAYS": "2", "SECURE": "false", "TENANTS_DIR": "/t",
                           "LOG_LEVEL": "debug", "LOG_FORMAT": "json", "PUBLIC_DOMAIN": "login.example.net"]
        guard case .serve(let options) = try parse([], environment: environment) else { Issue.record("not serve"); return }
        #expect(options.tokenLifetime == 2 * 86_400)
        #expect(!options.secure)
        #expect(options.tenantsDirectory == "/t")
        #expect(options.logLevel == .debug)
        #expect(options.logFormat == .json)
        #expect(options.publicDomain == "login.example.net")
    }

    @Test(arguments: [
        (["--frobnicate"], "unknown option \"--frobnicate\" for serve"),
        (["--listen", "http://x"], "--listen \"http://x\" must be unix:/ABSOLUTE/PATH or tcp:HOST:PORT"),
        (["--listen", "unix:relative.sock"], "--listen \"unix:relative.sock\" must be unix:/ABSOLUTE/PATH or tcp:HOST:PORT"),
        (["--listen", "tcp:127.0.0.1:99999"], "--listen \"tcp:127.0.0.1:99999\" must be unix:/ABSOLUTE/PATH or tcp:HOST:PORT"),
        (["--workers", "0"], "--workers \"0\" must be a positive whole number"),
        (["--workers"], "option --workers needs a value"),
        (["--cookie-samesite", "none"], "--cookie-samesite \"none\" must be strict or lax"),
        (["--token-lifetime", "soon"], "--token-lifetime \"soon\" must be a duration like 7d, 12h, 30m or 3600"),
        (["--trusted-proxy", "10.0.0.0/33"], "--trusted-proxy \"10.0.0.0/33\" must be an address or network like 10.0.0.0/8"),
        (["token", "--user", "a"], "token needs --tenant ID and --user NAME"),
        (["launch"], "unknown command \"launch\""),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError.self) { try parse(arguments) }
        do {
            _ = try parse(arguments)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [("7d", 604_800), ("12h", 43_200), ("30m", 1_800), ("45s", 45), ("3600", 3_600)])
    func durations(text: String, seconds: Int) {
        #expect(CommandLineParser.duration(text) == seconds)
    }

    @Test(arguments: ["", "d", "-1h", "1.5h", "99999d"])
    func invalidDurations(text: String) {
        #expect(CommandLineParser.duration(text) == nil)
    }

    @Test func tokenCommand() throws {
        guard case .token(_, let token) = try parse(["token", "--tenant", "shop", "--user", "alice", "--ttl", "60",
                                                     "--role", "admin"]) else {
            Issue.record("not token"); return
        }
        #expect(token.tenant == "shop")
        #expect(token.user == "alice")
        #expect(token.ttl == 60)
        #expect(token.role == "admin")
    }

    @Test func helpAndVersionWin() throws {
        guard case .help = try parse(["serve", "--help"]) else { Issue.record("not help"); return }
        guard case .version = try parse(["--version"]) else { Issue.record("not version"); return }
    }
}
