import Testing
@testable import Engine

@Suite struct ProviderValidationTests {
    static let valid = "class UserValidationProvider { constructor(args) { commit(true); } get isValid() { return true; } }"

    @Test(arguments: [("alice", true), ("bob", false)])
    func validatesTheUsername(username: String, valid: Bool) {
        let script = """
            class UserValidationProvider {
              constructor(args) { this.ok = args.username === "alice" && args.tenant.name === "shop"; commit(true); }
              get isValid() { return this.ok; }
            }
            """
        #expect(makeRuntime().validate(script, username) == (valid ? .valid : .invalid))
    }

    @Test func loginScriptWithoutValidationClass() {
        #expect(makeRuntime().validate(loginProvider()) == .failed(.missingClass("UserValidationProvider")))
    }

    @Test func bothClassesInOneScript() {
        let runtime = makeRuntime()
        let script = ProviderScript(joining: [loginProvider(), Self.valid])
        #expect(runtime.validate(script: script, username: "a", tenant: shop, timeout: .seconds(5)) == .valid)
        #expect(runtime.login(script: script, credentials: alice, tenant: shop, timeout: .seconds(5))
            == .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil))
    }

    @Test func validationThatNeverCommits() {
        #expect(makeRuntime().validate("class UserValidationProvider { get isValid() { return true; } }")
            == .failed(.neverCommitted))
    }

    @Test func validationThroughFetch() {
        let fetcher = FakeFetcher { request in
            request.url.hasSuffix("/alice") ? .response(status: 200, body: "{}") : .response(status: 404, body: "")
        }
        let script = """
            class UserValidationProvider {
              constructor(args) {
                this.ok = false;
                fetch("http://users/" + args.username).then(() => { this.ok = true; commit(); })
                  .catch(() => commit());
              }
              get isValid() { return this.ok; }
            }
            """
        #expect(makeRuntime(fetcher: fetcher).validate(script, "alice") == .valid)
        #expect(makeRuntime(fetcher: fetcher).validate(script, "mallory") == .invalid)
    }
}
