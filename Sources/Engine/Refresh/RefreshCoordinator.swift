import Synchronization

/// Makes concurrent checks that carry the same old token share one refresh and one new token.
///
/// The first check for a token becomes the leader and runs the refresh; later ones wait for its
/// outcome. Finished outcomes are remembered for `reuseWindow` seconds so that requests already
/// on their way with the old cookie get the same new token. Bounded: at most `capacity` entries.
public final class RefreshCoordinator: Sendable {
    public typealias Waiter = @Sendable (RefreshOutcome) -> Void

    private enum Entry {
        case running([Waiter])
        case finished(RefreshOutcome, at: Double)
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int
    private let reuseWindow: Double

    /// Default: 4,096 entries, reused for 60 s.
    public init(capacity: Int = 4096, reuseWindow: Double = 60) {
        self.capacity = capacity
        self.reuseWindow = reuseWindow
    }

    /// A finished outcome for `key` still within the reuse window.
    public func finished(_ key: String, now: Double) -> RefreshOutcome? {
        entries.withLock { entries in
            guard case .finished(let outcome, let at)? = entries[key], now - at < reuseWindow else { return nil }
            return outcome
        }
    }

    /// What the caller should do about `key`.
    public enum Join {
        /// Run the refresh, then call `finish`.
        case lead
        /// Another check runs it; `waiter` will be called.
        case wait
        /// Already done.
        case done(RefreshOutcome)
    }

    /// Joins the refresh for `key`; `waiter` is called only for `.wait`.
    public func join(_ key: String, now: Double, waiter: @escaping Waiter) -> Join {
        entries.withLock { entries in
            switch entries[key] {
            case .running(let waiters)?:
                entries[key] = .running(waiters + [waiter])
                return .wait
            case .finished(let outcome, let at)? where now - at < reuseWindow:
                return .done(outcome)
            default:
                if entries.count >= capacity { Self.evict(&entries, now: now, window: reuseWindow, capacity: capacity) }
                entries[key] = .running([])
                return .lead
            }
        }
    }

    /// Records the outcome of a refresh this caller led and wakes the waiters.
    public func finish(_ key: String, _ outcome: RefreshOutcome, now: Double) {
        let waiters = entries.withLock { entries -> [Waiter] in
            guard case .running(let waiters)? = entries[key] else { return [] }
            entries[key] = .finished(outcome, at: now)
            return waiters
        }
        for waiter in waiters { waiter(outcome) }
    }

    /// Drops expired outcomes; when still full, drops half of the finished ones. Running
    /// refreshes are kept: their waiters must be answered.
    private static func evict(_ entries: inout [String: Entry], now: Double, window: Double, capacity: Int) {
        entries = entries.filter { _, entry in
            if case .finished(_, let at) = entry { return now - at < window }
            return true
        }
        guard entries.count >= capacity / 2 else { return }
        let finished = entries.compactMap { key, entry -> String? in
            if case .finished = entry { return key }
            return nil
        }
        for key in finished.prefix(entries.count - capacity / 2) { entries[key] = nil }
    }
}
