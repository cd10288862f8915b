import Testing
@testable import Engine

@Suite struct ProviderFailureTests {
    @Test func scriptThatThrowsAtTopLevel() {
        let outcome = makeRuntime().login(#"throw new Error("broken backend");"# + loginProvider())
        #expect(outcome == .failed(.threw("Error: broken backend")))
    }

    @Test func constructorThatThrows() {
        let outcome = makeRuntime().login(loginProvider(constructor: "null.x;"))
        guard case .failed(.threw(let message)) = outcome else {
            Issue.record("expected threw, got \(outcome)")
            return
        }
        #expect(message.hasPrefix("TypeError"))
    }

    @Test func getterThatThrows() {
        let outcome = makeRuntime().login(loginProvider(canLogin: #"(() => { throw "nope" })()"#))
        #expect(outcome == .failed(.threw("nope")))
    }

    @Test func neverCommits() {
        #expect(makeRuntime().login(loginProvider(constructor: "")) == .failed(.neverCommitted))
    }

    @Test func neverCommitsWithAPromiseThatNeverSettles() {
        #expect(makeRuntime().login(loginProvider(constructor: "new Promise(() => {}).then(() => commit(true));"))
            == .failed(.neverCommitted))
    }

    @Test(arguments: ["", "class Other {}", "var UserLoginProvider = 5;"])
    func missingClass(source: String) {
        #expect(makeRuntime().login(source) == .failed(.missingClass("UserLoginProvider")))
    }

    @Test(arguments: [
        loginProvider(constructor: "while (true) {}"),
        "while (true) {}",
        loginProvider(canLogin: "(() => { for (;;) {} })()"),
        loginProvider(constructor: "Promise.resolve().then(() => { for (;;) {} });"),
    ])
    func runawayScriptIsStoppedAndTheRuntimeStaysUsable(source: String) {
        let runtime = makeRuntime()
        let clock = ContinuousClock()
        let started = clock.now
        #expect(runtime.login(source, timeout: .milliseconds(200)) == .failed(.timeout))
        // Generous bound: stopped at all, not precise timing (SPEC §9: no timed tests).
        #expect(clock.now - started < .seconds(10))
        #expect(runtime.login(loginProvider()) == .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil))
        #expect(runtime.validate(ProviderValidationTests.valid) == .valid)
    }

    @Test func hugeProfileIsABadResult() {
        let outcome = makeRuntime().login(loginProvider(profile: #"{blob: "x".repeat(10 * 1024 * 1024)}"#))
        #expect(outcome == .failed(.badResult("userProfile is larger than 2048 bytes as JSON")))
    }

    @Test func profileAtTheLimitIsAccepted() {
        var limits = ProviderLimits()
        limits.profileJSONBytes = 20
        // {"a":"xxxxxxxxxxxx"} is exactly 20 bytes.
        let outcome = makeRuntime(limits: limits).login(loginProvider(profile: #"{a: "x".repeat(12)}"#))
        #expect(outcome == .allowed(subject: nil, profileJSON: #"{"a":"xxxxxxxxxxxx"}"#, role: "default", roles: nil))
        #expect(makeRuntime(limits: limits).login(loginProvider(profile: #"{a: "x".repeat(13)}"#))
            == .failed(.badResult("userProfile is larger than 20 bytes as JSON")))
    }

    @Test func cyclicProfileIsABadResult() {
        let outcome = makeRuntime().login(loginProvider(profile: "(() => { const o = {}; o.o = o; return o; })()"))
        guard case .failed(.badResult) = outcome else {
            Issue.record("expected a bad result, got \(outcome)")
            return
        }
    }

    @Test(arguments: [
        (loginProvider(role: #""r".repeat(1024 * 1024)"#), "role is longer than 128 bytes"),
        (loginProvider(role: #""é".repeat(100)"#), "role is longer than 128 bytes"),
        (loginProvider(roles: #"Array(33).fill("r")"#), "roles has more than 32 entries"),
        (loginProvider(roles: #"["ok", "r".repeat(129)]"#), "roles[1] is longer than 128 bytes"),
        (loginProvider(constructor: #"commit({subject: "s".repeat(257)});"#), "subject is longer than 256 bytes"),
    ])
    func hugeOutputIsABadResult(source: String, reason: String) {
        #expect(makeRuntime().login(source) == .failed(.badResult(reason)))
    }

    @Test func nothingLeaksBetweenRuns() {
        let runtime = makeRuntime()
        let script = """
            class UserLoginProvider {
              constructor(credentials) {
                this.previous = typeof globalThis.lastUser === "undefined" ? null : globalThis.lastUser;
                globalThis.lastUser = credentials;
                Object.prototype.leaked = credentials.password;
                commit(true);
              }
              get canLogin() { return true; }
              get userProfile() { return { previous: this.previous, leaked: ({}).leaked }; }
            }
            """
        let first = runtime.login(script, ProviderCredentials(username: "alice", password: "a-pass"))
        #expect(first == .allowed(subject: nil, profileJSON: #"{"previous":null,"leaked":"a-pass"}"#, role: "default", roles: nil))
        let second = runtime.login(script, ProviderCredentials(username: "bob", password: "b-pass"))
        #expect(second == .allowed(subject: nil, profileJSON: #"{"previous":null,"leaked":"b-pass"}"#, role: "default", roles: nil))
    }

    @Test func logsGoToTheSinkWithTheTenant() {
        let log = LogRecorder()
        let outcome = makeRuntime(log: log).login(loginProvider(
            constructor: #"say("hello", 1, {a: 1}); console.log("info", true); console.error("bad"); commit(true);"#))
        #expect(outcome == .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil))
        #expect(log.lines == [
            ProviderLogEntry(level: .info, tenant: "shops/shop", message: "hello 1 [object Object]"),
            ProviderLogEntry(level: .info, tenant: "shops/shop", message: "info true"),
            ProviderLogEntry(level: .error, tenant: "shops/shop", message: "bad"),
        ])
    }

    @Test func logLinesAreBounded() {
        let log = LogRecorder()
        _ = makeRuntime(log: log).login(loginProvider(
            constructor: #"for (let i = 0; i < 1000; i++) say("x".repeat(5000)); commit(true);"#))
        #expect(log.lines.count == 64)
        #expect(log.lines.allSatisfy { $0.message.count <= 1025 })
    }

    @Test(arguments: [
        ("md5", "", "d41d8cd98f00b204e9800998ecf8427e"),
        ("md5", "abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("sha256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("sha256", "ü", "607474ca475a9724d7360aba71a56d5df77e61350e3f724cfa1f46e857e2d85f"),
    ])
    func digests(function: String, input: String, hex: String) {
        let outcome = makeRuntime().login(loginProvider(profile: "\(function)(\"\(input)\")"))
        #expect(outcome == .allowed(subject: nil, profileJSON: "\"\(hex)\"", role: "default", roles: nil))
    }
}
