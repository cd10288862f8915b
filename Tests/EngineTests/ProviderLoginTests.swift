import Testing
@testable import Engine

@Suite struct ProviderLoginTests {
    @Test func allowAll() {
        let outcome = makeRuntime().login("""
            class UserLoginProvider {
              constructor(credentials) { commit(true); }
              get canLogin() { return true; }
              get userProfile() { return { name: "x" }; }
              get role() { return "user"; }
            }
            """)
        #expect(outcome == .allowed(subject: nil, profileJSON: #"{"name":"x"}"#, role: "user", roles: nil))
    }

    static let fixedUser = loginProvider(
        canLogin: #"this.credentials.username === "alice" && this.credentials.password === "s3cret""#)

    @Test(arguments: [
        (ProviderCredentials(username: "alice", password: "s3cret"), true),
        (ProviderCredentials(username: "alice", password: "wrong"), false),
        (ProviderCredentials(username: "bob", password: "s3cret"), false),
        (ProviderCredentials(username: "alice", password: ""), false),
    ])
    func fixedUsernameAndPassword(credentials: ProviderCredentials, allowed: Bool) {
        let outcome = makeRuntime().login(Self.fixedUser, credentials)
        #expect(outcome == (allowed ? .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil) : .denied))
    }

    @Test func constructorSeesEveryArgument() {
        let outcome = makeRuntime().login(loginProvider(
            profile: "this.credentials"))
        #expect(outcome == .allowed(
            subject: nil,
            profileJSON: #"{"username":"alice","password":"s3cret","grant_type":"interceptor","tenant":{"name":"shop","namespace":"shops"}}"#,
            role: "default", roles: nil))
    }

    @Test(arguments: [
        (#"commit(true, {subject: "u-1"});"#, "u-1"),
        (#"commit({subject: "x"});"#, "x"),
        (#"commit(true, "s", {other: 1}, {subject: "third"}, {subject: "fourth"});"#, "third"),
        (#"commit({subject: 42}, {subject: "after-number"});"#, "after-number"),
        (#"commit(true); commit({subject: "too-late"});"#, nil),
        (#"commit({subject: 42});"#, nil),
        (#"commit({subject: null});"#, nil),
        (#"commit(true);"#, nil),
        (#"commit();"#, nil),
    ] as [(String, String?)])
    func committedSubject(constructor: String, subject: String?) {
        let outcome = makeRuntime().login(loginProvider(constructor: constructor))
        #expect(outcome == .allowed(subject: subject, profileJSON: nil, role: "default", roles: nil))
    }

    @Test(arguments: [
        (#""admin""#, "admin"),
        ("undefined", "default"),
        ("null", "default"),
        ("42", "default"),
        (#""""#, "default"),
        (#"{name: "admin"}"#, "default"),
    ])
    func role(expression: String, role: String) {
        let outcome = makeRuntime().login(loginProvider(role: expression))
        #expect(outcome == .allowed(subject: nil, profileJSON: nil, role: role, roles: nil))
    }

    @Test(arguments: [
        (#"["a", "b"]"#, ["a", "b"]),
        ("[]", []),
        ("undefined", nil),
        ("null", nil),
    ] as [(String, [String]?)])
    func roles(expression: String, roles: [String]?) {
        let outcome = makeRuntime().login(loginProvider(roles: expression))
        #expect(outcome == .allowed(subject: nil, profileJSON: nil, role: "default", roles: roles))
    }

    @Test(arguments: [#""admin""#, #"["a", 1]"#, #"{0: "a", length: 1}"#])
    func malformedRolesAreABadResult(expression: String) {
        let outcome = makeRuntime().login(loginProvider(roles: expression))
        guard case .failed(.badResult) = outcome else {
            Issue.record("expected a bad result, got \(outcome)")
            return
        }
    }

    @Test(arguments: ["false", "0", #""""#, "null", "undefined", "NaN"])
    func falsyCanLoginDenies(expression: String) {
        #expect(makeRuntime().login(loginProvider(canLogin: expression, profile: "{a: 1}")) == .denied)
    }

    @Test(arguments: ["1", #""yes""#, "{}", "[]"])
    func truthyCanLoginAllows(expression: String) {
        #expect(makeRuntime().login(loginProvider(canLogin: expression))
            == .allowed(subject: nil, profileJSON: nil, role: "default", roles: nil))
    }

    @Test(arguments: [
        ("undefined", nil),
        ("null", nil),
        ("() => 1", nil),
        (#""text""#, #""text""#),
        (#"{n: 1, s: "ü", l: [1, true, null]}"#, #"{"n":1,"s":"ü","l":[1,true,null]}"#),
    ] as [(String, String?)])
    func profile(expression: String, json: String?) {
        #expect(makeRuntime().login(loginProvider(profile: expression))
            == .allowed(subject: nil, profileJSON: json, role: "default", roles: nil))
    }

    @Test func commitLaterInAPromiseCallback() {
        let outcome = makeRuntime().login(loginProvider(
            constructor: #"Promise.resolve().then(() => commit({subject: "later"}));"#))
        #expect(outcome == .allowed(subject: "later", profileJSON: nil, role: "default", roles: nil))
    }

    @Test func asyncFunctionsWork() {
        let outcome = makeRuntime().login(loginProvider(
            constructor: #"(async () => { await null; commit({subject: "async"}); })();"#))
        #expect(outcome == .allowed(subject: "async", profileJSON: nil, role: "default", roles: nil))
    }
}
