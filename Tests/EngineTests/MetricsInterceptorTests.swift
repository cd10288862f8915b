import Foundation
import Testing
@testable import Engine

@Suite("Interceptor metrics (SPEC §8)")
struct MetricsInterceptorTests {
    static func tenant(_ id: String, hosts: [String]) -> Tenant {
        Tenant(id: id, name: id, namespace: nil, hosts: hosts, interceptor: .init(), silentLogin: true,
               informations: .init(), providerScript: "")
    }

    static let shop = tenant("shop", hosts: ["shop.example.net", "*.apps.example.net"])
    static let blog = tenant("team/blog", hosts: ["blog.example.org"])

    static func fixedCallbacks() -> InterceptorMetrics.Callbacks {
        .init(connections: { 3 }, residentMemoryBytes: { 12_582_912 }, openFileDescriptors: { 9 },
              cpuSeconds: { 0.42 })
    }

    /// A fixed sample of every series, recorded the way the Authorizer and the Sidecar record.
    static func sample() throws -> InterceptorMetrics {
        let metrics = try InterceptorMetrics(registry: MetricsRegistry(), callbacks: fixedCallbacks())
        let tenants = metrics.load(Tenants(validated: [shop, blog]))
        let shop = try #require(tenants["shop"])
        let blog = try #require(tenants["team/blog"])
        let wildcard = try #require(shop.interceptor["*.apps.example.net"])
        wildcard.success.increment(by: 5)
        wildcard.failure(.invalidToken).increment(by: 2)
        try #require(shop.interceptor["shop.example.net"]).failure(.userInvalid).increment()
        try #require(blog.interceptor["blog.example.org"]).failure(.tenantNotAllowed).increment()
        metrics.noTenant.increment(by: 7)
        let shopLogin = try #require(shop.login["shop.example.net"])
        shopLogin.record(succeeded: true)
        shopLogin.record(succeeded: false)
        blog.loginFromOtherHost.record(succeeded: false)
        shop.logout.increment()
        shop.tokenRefresh.increment(by: 4)
        metrics.configReloadSuccess.increment()
        metrics.configReloadFailure.increment()
        let check = metrics.requestDuration(.authRequest)
        for seconds in [0.00004, 0.00007, 0.0002, 0.003] { check.observe(seconds) }
        metrics.requestDuration(.login).observe(0.0015)
        metrics.providerDuration(.userLogin).observe(0.012)
        metrics.providerDuration(.userValidation).observe(0.75)
        return metrics
    }

    @Test func goldenExposition() throws {
        try Golden.compare(Self.sample().render(), with: "interceptor.prom")
    }

    @Test func everySeriesHasItsSpecNameTypeAndLabels() throws {
        let text = try Self.sample().render()
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.dropFirst(7) }
        #expect(types == [
            "uitsmijter_interceptor_success counter", "uitsmijter_interceptor_failure counter",
            "uitsmijter_login_success counter", "uitsmijter_login_failure counter", "uitsmijter_logout counter",
            "uitsmijter_login_attempts histogram", "uitsmijter_tenants_count gauge",
            "interceptor_token_refresh_total counter", "interceptor_config_reload_total counter",
            "interceptor_request_duration_seconds histogram", "interceptor_provider_duration_seconds histogram",
            "interceptor_connections gauge", "process_resident_memory_bytes gauge", "process_open_fds gauge",
            "process_cpu_seconds_total counter",
        ])
        #expect(text.contains("uitsmijter_interceptor_success{requested_host=\"*.apps.example.net\",tenant=\"shop\"} 5\n"))
        #expect(text.contains(
            "uitsmijter_interceptor_failure{requested_host=\"unknown\",tenant=\"unknown\",reason=\"NO_TENANT\"} 7\n"))
        #expect(text.contains("uitsmijter_login_success{forward_host=\"shop.example.net\",mode=\"interceptor\",tenant=\"shop\"} 1\n"))
        #expect(text.contains("uitsmijter_logout{mode=\"interceptor\",tenant=\"shop\"} 1\n"))
        #expect(text.contains("uitsmijter_tenants_count 2\n"))
        #expect(text.contains("interceptor_config_reload_total{result=\"failure\"} 1\n"))
    }

    @Test func reloadRemovesVanishedTenantsAndHostsAndKeepsTheRest() throws {
        let metrics = try Self.sample()
        let smallerShop = Self.tenant("shop", hosts: ["shop.example.net"])
        let tenants = metrics.load(Tenants(validated: [smallerShop]))
        let text = metrics.render()
        #expect(!text.contains("team/blog"))
        #expect(!text.contains("blog.example.org"))
        #expect(!text.contains("apps.example.net"))
        #expect(text.contains("uitsmijter_tenants_count 1\n"))
        // Surviving series keep their counts and their objects.
        #expect(text.contains(
            "uitsmijter_interceptor_failure{requested_host=\"shop.example.net\",tenant=\"shop\",reason=\"USER_INVALID\"} 1\n"))
        #expect(text.contains("interceptor_token_refresh_total{tenant=\"shop\"} 4\n"))
        #expect(text.contains("reason=\"NO_TENANT\"} 7\n"))
        #expect(try #require(tenants["shop"]).tokenRefresh.value == 4)
    }

    @Test func emptyConfigurationKeepsOnlyThePlaceholderSeries() throws {
        let metrics = try Self.sample()
        _ = metrics.load(Tenants.empty)
        let samples = metrics.render().split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples.filter { $0.contains("tenant=") } == [
            "uitsmijter_interceptor_failure{requested_host=\"unknown\",tenant=\"unknown\",reason=\"NO_TENANT\"} 7",
        ])
    }

    @Test func failureForNoTenantIsTheSharedPlaceholderCounter() throws {
        let metrics = try InterceptorMetrics(registry: MetricsRegistry(), callbacks: Self.fixedCallbacks())
        let tenants = metrics.load(Tenants(validated: [Self.shop]))
        let counters = try #require(tenants["shop"]?.interceptor["shop.example.net"])
        #expect(counters.failure(.noTenant) === metrics.noTenant)
        let distinct = Set(InterceptorFailureReason.allCases.map { ObjectIdentifier(counters.failure($0)) })
        #expect(distinct.count == 4)
    }

    @Test func registeringTwiceInOneRegistryIsRejected() throws {
        let registry = MetricsRegistry()
        _ = try InterceptorMetrics(registry: registry, callbacks: Self.fixedCallbacks())
        #expect(throws: MetricsRegistrationError.duplicateName("uitsmijter_interceptor_success")) {
            try InterceptorMetrics(registry: registry, callbacks: Self.fixedCallbacks())
        }
    }

    @Test func countsFromManyThreadsThroughResolvedCountersSumExactly() throws {
        let metrics = try InterceptorMetrics(registry: MetricsRegistry(), callbacks: Self.fixedCallbacks())
        let counters = try #require(metrics.load(Tenants(validated: [Self.shop]))["shop"]?.interceptor["shop.example.net"])
        let done = DispatchGroup()
        let threads = (0..<4).map { _ in
            done.enter()
            return Thread {
                for _ in 0..<50_000 { counters.success.increment() }
                done.leave()
            }
        }
        threads.forEach { $0.start() }
        done.wait()
        #expect(counters.success.value == 200_000)
    }
}
