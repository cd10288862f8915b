import Testing
@testable import Engine

@Suite struct LoginBruteForceLimiterTests {
    static let t0 = 1_733_300_000.0

    /// Ten failures one second apart, from `client`, for (`tenant`, `username`).
    static func tenFailures(_ limiter: BruteForceLimiter, tenant: String = "shop", username: String = "alice",
                            client: String = "192.0.2.1") {
        for second in 0..<10 {
            limiter.recordFailure(tenant: tenant, username: username, client: client, now: t0 + Double(second))
        }
    }

    @Test func theEleventhAttemptIsBlockedUntilTheOldestFailureLeaves() {
        let limiter = BruteForceLimiter()
        for second in 0..<10 {
            #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + Double(second)) == .allowed)
            limiter.recordFailure(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + Double(second))
        }
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 10) == .blocked(retryAfter: 290))
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 299.5) == .blocked(retryAfter: 1))
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 300) == .allowed)
        // One more failure fills the window again: now the failure at t0 + 1 is the oldest.
        limiter.recordFailure(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 300)
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 300) == .blocked(retryAfter: 1))
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 301) == .allowed)
    }

    @Test func usernameLimitHoldsAcrossClients() {
        let limiter = BruteForceLimiter()
        for second in 0..<10 {
            limiter.recordFailure(tenant: "shop", username: "alice", client: "198.51.100.\(second)", now: Self.t0 + Double(second))
        }
        #expect(limiter.check(tenant: "shop", username: "alice", client: "203.0.113.9", now: Self.t0 + 10) == .blocked(retryAfter: 290))
        #expect(limiter.check(tenant: "shop", username: "ALICE", client: "203.0.113.9", now: Self.t0 + 10) == .blocked(retryAfter: 290))
        #expect(limiter.check(tenant: "shop", username: "bob", client: "203.0.113.9", now: Self.t0 + 10) == .allowed)
        #expect(limiter.check(tenant: "blog", username: "alice", client: "203.0.113.9", now: Self.t0 + 10) == .allowed)
    }

    @Test func clientLimitHoldsAcrossUsernamesAndTenants() {
        let limiter = BruteForceLimiter()
        for second in 0..<10 {
            limiter.recordFailure(tenant: second.isMultiple(of: 2) ? "shop" : "blog", username: "user\(second)",
                                  client: "192.0.2.1", now: Self.t0 + Double(second))
        }
        #expect(limiter.check(tenant: "shop", username: "fresh", client: "192.0.2.1", now: Self.t0 + 10) == .blocked(retryAfter: 290))
        #expect(limiter.check(tenant: "shop", username: "fresh", client: "192.0.2.2", now: Self.t0 + 10) == .allowed)
    }

    @Test func blockedByBothReportsTheLongerWait() {
        let limiter = BruteForceLimiter()
        Self.tenFailures(limiter, client: "192.0.2.1")
        for second in 100..<110 {
            limiter.recordFailure(tenant: "shop", username: "u\(second)", client: "192.0.2.2", now: Self.t0 + Double(second))
        }
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.2", now: Self.t0 + 110) == .blocked(retryAfter: 290))
    }

    @Test func usernamesAreCaseInsensitive() {
        let limiter = BruteForceLimiter()
        Self.tenFailures(limiter, username: "Alice@Example.NET", client: "192.0.2.1")
        #expect(limiter.check(tenant: "shop", username: "alice@example.net", client: "192.0.2.99", now: Self.t0 + 10)
                == .blocked(retryAfter: 290))
    }

    @Test func successClearsTheUsernameButNotTheClient() {
        let limiter = BruteForceLimiter()
        Self.tenFailures(limiter)
        limiter.recordSuccess(tenant: "shop", username: "ALICE", client: "192.0.2.1", now: Self.t0 + 10)
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.50", now: Self.t0 + 10) == .allowed)
        #expect(limiter.check(tenant: "shop", username: "alice", client: "192.0.2.1", now: Self.t0 + 10) == .blocked(retryAfter: 290))
        #expect(limiter.counts.usernames == 0)
        #expect(limiter.counts.clients == 1)
    }

    @Test func longUsernamesShareTheBudgetOfTheirFirst256Bytes() {
        let limiter = BruteForceLimiter()
        let stem = String(repeating: "a", count: 256)
        for second in 0..<10 {
            limiter.recordFailure(tenant: "shop", username: stem + "\(second)", client: "198.51.100.\(second)",
                                  now: Self.t0 + Double(second))
        }
        #expect(limiter.check(tenant: "shop", username: stem + "zzz", client: "203.0.113.1", now: Self.t0 + 10)
                == .blocked(retryAfter: 290))
        #expect(BruteForceLimiter.prefix("ééé", bytes: 5) == "éé") // never half a character
    }

    @Test func hundredThousandUsernamesStayWithinCapacityAndTheClientStaysBlocked() {
        let limiter = BruteForceLimiter()
        for number in 0..<100_000 {
            limiter.recordFailure(tenant: "shop", username: "user\(number)", client: "192.0.2.1",
                                  now: Self.t0 + Double(number) / 1000)
        }
        #expect(limiter.counts.usernames == 65_536)
        #expect(limiter.counts.clients == 1)
        #expect(limiter.check(tenant: "shop", username: "user-new", client: "192.0.2.1", now: Self.t0 + 100)
                == .blocked(retryAfter: 300))
        #expect(limiter.check(tenant: "shop", username: "user-new", client: "192.0.2.2", now: Self.t0 + 100) == .allowed)
    }

    @Test func hundredThousandClientsStayWithinCapacity() {
        let limiter = BruteForceLimiter(policy: .init(capacity: 1000))
        for number in 0..<100_000 {
            limiter.recordFailure(tenant: "shop", username: "alice", client: "client-\(number)", now: Self.t0)
        }
        #expect(limiter.counts.usernames == 1)
        #expect(limiter.counts.clients == 1000)
    }

    /// When full, the key whose last failure is oldest goes first; a fresh failure protects a key.
    @Test func evictsTheLeastRecentlyFailedKey() {
        let limiter = BruteForceLimiter(policy: .init(maximumFailures: 1, capacity: 3))
        for (offset, name) in ["a", "b", "c"].enumerated() {
            limiter.recordFailure(tenant: "shop", username: name, client: "client-\(name)", now: Self.t0 + Double(offset))
        }
        limiter.recordFailure(tenant: "shop", username: "a", client: "client-a", now: Self.t0 + 3)
        limiter.recordFailure(tenant: "shop", username: "d", client: "client-d", now: Self.t0 + 4)
        func verdict(_ name: String) -> BruteForceLimiter.Verdict {
            limiter.check(tenant: "shop", username: name, client: "other", now: Self.t0 + 5)
        }
        #expect(verdict("a") == .blocked(retryAfter: 298))
        #expect(verdict("b") == .allowed)
        #expect(verdict("c") == .blocked(retryAfter: 297))
        #expect(verdict("d") == .blocked(retryAfter: 299))
        #expect(limiter.counts.usernames == 3)
        #expect(limiter.counts.clients == 3)
    }

    @Test func concurrentFailuresAreAllCounted() async {
        let limiter = BruteForceLimiter()
        await withTaskGroup(of: Void.self) { group in
            for number in 0..<10 {
                group.addTask {
                    limiter.recordFailure(tenant: "shop", username: "alice", client: "198.51.100.\(number)", now: Self.t0)
                }
            }
        }
        #expect(limiter.check(tenant: "shop", username: "alice", client: "203.0.113.1", now: Self.t0) == .blocked(retryAfter: 300))
    }
}
