import Synchronization
@testable import Engine

/// A `ProviderFetcher` answering from a closure and recording requests.
final class FakeFetcher: ProviderFetcher {
    private let answer: @Sendable (FetchRequest) -> FetchResult
    private let recorded = Mutex<[FetchRequest]>([])

    init(_ answer: @escaping @Sendable (FetchRequest) -> FetchResult) {
        self.answer = answer
    }

    convenience init(_ result: FetchResult) {
        self.init { _ in result }
    }

    var requests: [FetchRequest] { recorded.withLock { $0 } }

    func fetch(_ request: FetchRequest, timeout: Duration) -> FetchResult {
        recorded.withLock { $0.append(request) }
        return answer(request)
    }
}

/// Collects provider log lines.
final class LogRecorder: Sendable {
    private let entries = Mutex<[ProviderLogEntry]>([])
    var lines: [ProviderLogEntry] { entries.withLock { $0 } }
    var sink: ProviderLogSink { { entry in self.entries.withLock { $0.append(entry) } } }
}

let shop = ProviderTenant(name: "shop", namespace: "shops")
let alice = ProviderCredentials(username: "alice", password: "s3cret")

/// A runtime with a fetcher that must not be called unless given.
func makeRuntime(fetcher: FakeFetcher = FakeFetcher(.failure("no network in this test")),
                 log: LogRecorder = LogRecorder(), limits: ProviderLimits = ProviderLimits()) -> ProviderRuntime {
    ProviderRuntime(fetcher: fetcher, limits: limits, log: log.sink)
}

extension ProviderRuntime {
    func login(_ source: String, _ credentials: ProviderCredentials = alice,
               timeout: Duration = .seconds(5)) -> LoginOutcome {
        login(script: ProviderScript(source: source), credentials: credentials, tenant: shop, timeout: timeout)
    }

    func validate(_ source: String, _ username: String = "alice", timeout: Duration = .seconds(5)) -> ValidationOutcome {
        validate(script: ProviderScript(source: source), username: username, tenant: shop, timeout: timeout)
    }
}

/// A `UserLoginProvider` whose constructor body is `constructor` and getters return the given expressions.
func loginProvider(constructor: String = "commit(true);", canLogin: String = "true",
                   profile: String = "undefined", role: String = "undefined", roles: String = "undefined") -> String {
    """
    class UserLoginProvider {
      constructor(credentials) { this.credentials = credentials; \(constructor) }
      get canLogin() { return \(canLogin); }
      get userProfile() { return \(profile); }
      get role() { return \(role); }
      get roles() { return \(roles); }
    }
    """
}
