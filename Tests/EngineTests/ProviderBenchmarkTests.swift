import Glibc
import Testing
@testable import Engine

/// Prints login latency; never asserts on time (SPEC §9: `make bench` checks).
/// Run: `PROVIDER_BENCH=1 swift test -c release --filter ProviderBenchmark`.
@Suite struct ProviderBenchmarkTests {
    @Test(.enabled(if: Environment.bench)) func loginLatency() {
        let runtime = makeRuntime()
        let script = ProviderScript(joining: [
            loginProvider(canLogin: #"this.credentials.password === "s3cret""#, profile: #"{name: "Alice"}"#, role: #""user""#),
            ProviderValidationTests.valid,
        ])
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<2000 {
            let started = clock.now
            let outcome = runtime.login(script: script, credentials: alice, tenant: shop, timeout: .seconds(30))
            samples.append(clock.now - started)
            #expect(outcome != .denied)
        }
        samples.sort()
        print("provider login p50 \(samples[samples.count / 2]) p90 \(samples[samples.count * 9 / 10]) p99 \(samples[samples.count * 99 / 100])")
    }
}

enum Environment {
    static var bench: Bool {
        guard let value = getenv("PROVIDER_BENCH") else { return false }
        return String(cString: value) == "1"
    }
}
