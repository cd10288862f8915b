import Testing
@testable import Engine

@Suite struct ProviderFetchTests {
    /// Logs in when the backend answers 2xx with `{"ok": true}`; commits in `catch` only when `withCatch`.
    static func backendProvider(withCatch: Bool) -> String {
        """
        class UserLoginProvider {
          constructor(credentials) {
            this.ok = false;
            let p = fetch("http://backend.local/login", {
              method: "post",
              headers: { "Content-Type": "application/json", "X-Tenant": credentials.tenant.name },
              body: JSON.stringify({ u: credentials.username, p: credentials.password })
            }).then(r => {
              const data = JSON.parse(r.body);
              this.ok = data.ok === true;
              this.code = r.code;
              commit(true, { subject: data.id });
            });
            \(withCatch ? "p.catch(e => { this.error = String(e); this.code = e.code; commit(false); });" : "")
          }
          get canLogin() { return this.ok; }
          get userProfile() { return { code: this.code, error: this.error }; }
        }
        """
    }

    @Test func requestCarriesMethodHeadersAndBody() {
        let fetcher = FakeFetcher(.response(status: 200, body: #"{"ok": true, "id": "u-7"}"#))
        let outcome = makeRuntime(fetcher: fetcher).login(Self.backendProvider(withCatch: false))
        #expect(outcome == .allowed(subject: "u-7", profileJSON: #"{"code":200}"#, role: "default", roles: nil))
        #expect(fetcher.requests == [FetchRequest(
            url: "http://backend.local/login", method: "POST",
            headers: [("Content-Type", "application/json"), ("X-Tenant", "shop")],
            body: #"{"u":"alice","p":"s3cret"}"#)])
    }

    @Test(arguments: [
        (FetchResult.response(status: 200, body: #"{"ok": true, "id": "u-7"}"#), true,
         LoginOutcome.allowed(subject: "u-7", profileJSON: #"{"code":200}"#, role: "default", roles: nil)),
        (.response(status: 200, body: #"{"ok": false}"#), true, .denied),
        (.response(status: 401, body: "denied"), true, .denied),
        (.response(status: 401, body: "denied"), false, .failed(.neverCommitted)),
        (.response(status: 200, body: "<html>garbage"), true, .denied),
        (.response(status: 200, body: "<html>garbage"), false, .failed(.neverCommitted)),
        (.failure("timed out"), true, .denied),
        (.failure("timed out"), false, .failed(.neverCommitted)),
    ])
    func backendAnswers(result: FetchResult, withCatch: Bool, expected: LoginOutcome) {
        let outcome = makeRuntime(fetcher: FakeFetcher(result)).login(Self.backendProvider(withCatch: withCatch))
        #expect(outcome == expected)
    }

    @Test func rejectionIsAnErrorWithStatusAndBody() {
        let script = loginProvider(
            constructor: #"fetch("http://b/x").catch(e => { this.e = e; commit(true); });"#,
            profile: "{isError: this.e instanceof Error, message: this.e.message, code: this.e.code, body: this.e.body}")
        let outcome = makeRuntime(fetcher: FakeFetcher(.response(status: 503, body: "busy"))).login(script)
        #expect(outcome == .allowed(
            subject: nil,
            profileJSON: #"{"isError":true,"message":"fetch http://b/x answered HTTP status 503","code":503,"body":"busy"}"#,
            role: "default", roles: nil))
    }

    @Test func garbageCaughtByTheScript() {
        let script = loginProvider(
            constructor: #"fetch("http://b/").then(r => JSON.parse(r.body)).then(() => commit(true)).catch(e => { this.e = e.name; commit(false); });"#,
            canLogin: "!this.e", profile: "this.e")
        let outcome = makeRuntime(fetcher: FakeFetcher(.response(status: 200, body: "\u{1}garbage"))).login(script)
        #expect(outcome == .denied)
    }

    @Test func sequentialFetches() {
        let fetcher = FakeFetcher { request in .response(status: 200, body: request.url) }
        let script = loginProvider(
            constructor: """
                fetch("http://b/1").then(a => fetch("http://b/2").then(b => { this.bodies = [a.body, b.body]; commit(true); }));
                """,
            profile: "this.bodies")
        let outcome = makeRuntime(fetcher: fetcher).login(script)
        #expect(outcome == .allowed(subject: nil, profileJSON: #"["http://b/1","http://b/2"]"#, role: "default", roles: nil))
        #expect(fetcher.requests.map(\.url) == ["http://b/1", "http://b/2"])
    }

    @Test func fetchStopsOnceCommitted() {
        let fetcher = FakeFetcher(.response(status: 200, body: ""))
        let script = loginProvider(constructor: #"fetch("http://b/1"); fetch("http://b/2"); commit(true);"#)
        #expect(makeRuntime(fetcher: fetcher).login(script) == .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil))
        #expect(fetcher.requests.isEmpty)
    }

    @Test func fetchesPerRunAreBounded() {
        let fetcher = FakeFetcher(.response(status: 200, body: ""))
        let script = loginProvider(
            constructor: #"try { for (let i = 0; i < 100; i++) fetch("http://b/" + i); } catch (e) { this.e = e.message; } fetch; "#,
            profile: "this.e")
        // 16 fetches succeed, none commit: the run ends without commit.
        #expect(makeRuntime(fetcher: fetcher).login(script) == .failed(.neverCommitted))
        #expect(fetcher.requests.count == 16)
    }

    @Test func slowFetcherRunsIntoTheScriptTimeout() {
        let fetcher = FakeFetcher { _ in
            // A fetcher honouring its timeout would answer failure; this one
            // simulates a slow backend that used up the whole budget.
            let clock = ContinuousClock()
            let until = clock.now.advanced(by: .milliseconds(300))
            while clock.now < until {}
            return .response(status: 200, body: "{}")
        }
        let script = loginProvider(constructor: #"fetch("http://b/").then(() => fetch("http://b/again")).then(() => commit(true));"#)
        #expect(makeRuntime(fetcher: fetcher).login(script, timeout: .milliseconds(200)) == .failed(.timeout))
        #expect(fetcher.requests.count == 1)
    }

    @Test(arguments: [
        "fetch()",
        "fetch(42)",
        #"fetch("http://b/", {body: {}})"#,
    ])
    func badFetchArgumentsThrowInTheScript(call: String) {
        let script = loginProvider(constructor: "try { \(call); } catch (e) { this.e = e instanceof Error; } commit(true);",
                                   profile: "this.e")
        #expect(makeRuntime().login(script) == .allowed(subject: nil, profileJSON: "true", role: "default", roles: nil))
    }
}
