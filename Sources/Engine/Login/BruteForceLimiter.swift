import Synchronization

/// Limits failed logins per (tenant, username) and per client address (SPEC §4.2 brute force).
///
/// At most `maximumFailures` failures in a sliding `window`, per key; then `check` answers
/// `.blocked` with the seconds until the oldest failure leaves the window (`Retry-After`). Both
/// tables have a fixed capacity and drop the key that failed least recently, so memory stays
/// bounded under username rotation, while the per-client table still stops a rotating attacker.
/// Usernames are lowercased (Unicode, `String.lowercased()`) and cut to `maximumKeyBytes`, so
/// `Alice` and `alice` share a budget. The clock is a parameter. **beyond:** Uitsmijter has none.
public final class BruteForceLimiter: Sendable {
    /// The limits.
    public struct Policy: Sendable, Equatable {
        /// Failures allowed in the window; the next attempt is blocked. Default: 10.
        public var maximumFailures: Int
        /// Seconds a failure counts. Default: 300 (5 minutes).
        public var window: Double
        /// Keys kept per table (usernames, clients). Default: 65,536.
        public var capacity: Int
        /// UTF-8 bytes of a username or client address that count; the rest is ignored. Default: 256.
        public var maximumKeyBytes: Int

        public init(maximumFailures: Int = 10, window: Double = 300, capacity: Int = 65_536, maximumKeyBytes: Int = 256) {
            self.maximumFailures = maximumFailures
            self.window = window
            self.capacity = capacity
            self.maximumKeyBytes = maximumKeyBytes
        }
    }

    /// Whether a login attempt may run.
    public enum Verdict: Sendable, Equatable {
        case allowed
        /// Answer 429 with `Retry-After: retryAfter` (seconds, ≥ 1).
        case blocked(retryAfter: Int)
    }

    private struct State {
        var usernames: FailureTable
        var clients: FailureTable
    }

    public let policy: Policy
    private let state: Mutex<State>

    public init(policy: Policy = Policy()) {
        self.policy = policy
        let table = FailureTable(capacity: policy.capacity, maximumFailures: policy.maximumFailures, window: policy.window)
        state = Mutex(State(usernames: table, clients: table))
    }

    /// Whether `client` may try `username` on `tenant` (a tenant id) at `now` (Unix seconds).
    /// Blocked when either key is; `retryAfter` is then the longer wait.
    public func check(tenant: String, username: String, client: String, now: Double) -> Verdict {
        let userKey = usernameKey(tenant: tenant, username: username), clientKey = self.clientKey(client)
        let waits = state.withLock { state in
            [state.usernames.retryAfter(userKey, now: now), state.clients.retryAfter(clientKey, now: now)]
        }.compactMap { $0 }
        return waits.max().map { .blocked(retryAfter: $0) } ?? .allowed
    }

    /// Counts a failed login (the provider said no) against both keys.
    public func recordFailure(tenant: String, username: String, client: String, now: Double) {
        let userKey = usernameKey(tenant: tenant, username: username), clientKey = self.clientKey(client)
        state.withLock { state in
            state.usernames.record(userKey, now: now)
            state.clients.record(clientKey, now: now)
        }
    }

    /// Forgets the username's failures after a successful login. The client's stay: one good
    /// password must not reset an attacker's budget for every other username.
    public func recordSuccess(tenant: String, username: String, client: String, now: Double) {
        let userKey = usernameKey(tenant: tenant, username: username)
        state.withLock { $0.usernames.clear(userKey) }
    }

    /// Keys held in each table (for tests and a memory gauge).
    public var counts: (usernames: Int, clients: Int) {
        state.withLock { ($0.usernames.count, $0.clients.count) }
    }

    func usernameKey(tenant: String, username: String) -> String {
        // NUL cannot appear in a tenant id, so no (tenant, username) pair collides with another.
        tenant + "\u{0}" + Self.prefix(username.lowercased(), bytes: policy.maximumKeyBytes)
    }

    func clientKey(_ client: String) -> String {
        Self.prefix(client.lowercased(), bytes: policy.maximumKeyBytes)
    }

    /// The longest prefix of whole characters within `bytes` UTF-8 bytes.
    static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var used = 0
        var result = ""
        for character in text {
            used += character.utf8.count
            guard used <= bytes else { break }
            result.append(character)
        }
        return result
    }
}
