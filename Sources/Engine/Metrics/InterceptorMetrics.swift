/// The series of SPEC §8, with Uitsmijter's names so its Grafana dashboard keeps working.
///
/// Uitsmijter's counters lack the `_total` suffix (kept for compatibility); ours have it.
/// Label values are only tenant ids and host patterns from the configuration: anything
/// else — a forwarded host no tenant claims — is counted under the placeholder
/// `"unknown"` (Uitsmijter's own fallback), so requests cannot grow the label set.
///
/// Made once by the Sidecar with its registry and passed to whoever records; per-tenant
/// series are resolved by `load(_:)` at each configuration load.
public final class InterceptorMetrics: Sendable {
    /// The placeholder label value for a host or tenant that is not in the configuration.
    public static let unknown = "unknown"
    /// The `mode` label: this sidecar only does Uitsmijter's interceptor mode.
    public static let mode = "interceptor"

    public let registry: MetricsRegistry

    let interceptorSuccess: CounterFamily
    let interceptorFailure: CounterFamily
    let loginSuccess: CounterFamily
    let loginFailure: CounterFamily
    let logout: CounterFamily
    let loginAttempts: HistogramFamily
    /// `uitsmijter_tenants_count`: set by `load(_:)`.
    public let tenantsCount: Gauge
    let tokenRefresh: CounterFamily
    /// `interceptor_config_reload_total{result="success"}`
    public let configReloadSuccess: Counter
    /// `interceptor_config_reload_total{result="failure"}`
    public let configReloadFailure: Counter
    private let requestDurations: [Endpoint: Histogram]
    private let providerDurations: [Provider: Histogram]
    /// `uitsmijter_interceptor_failure{requested_host="unknown",tenant="unknown",reason="NO_TENANT"}`
    public let noTenant: Counter

    /// Registers every series in `registry`, in SPEC order; fails only if a name is already taken there.
    public init(registry: MetricsRegistry, callbacks: Callbacks) throws(MetricsRegistrationError) {
        self.registry = registry
        interceptorSuccess = try registry.counter(
            "uitsmijter_interceptor_success", help: "Counter of authorized accesses through the interceptor.",
            labels: ["requested_host", "tenant"])
        interceptorFailure = try registry.counter(
            "uitsmijter_interceptor_failure", help: "Counter of refused accesses through the interceptor, by reason.",
            labels: ["requested_host", "tenant", "reason"])
        loginSuccess = try registry.counter(
            "uitsmijter_login_success", help: "Counter of successful logins.",
            labels: ["forward_host", "mode", "tenant"])
        loginFailure = try registry.counter(
            "uitsmijter_login_failure", help: "Counter of failed logins (wrong credentials or technical failure).",
            labels: ["forward_host", "mode", "tenant"])
        logout = try registry.counter(
            "uitsmijter_logout", help: "Counter of logouts.", labels: ["mode", "tenant"])
        loginAttempts = try registry.histogram(
            "uitsmijter_login_attempts", help: "Histogram of login attempts regardless of result (each observes 1).",
            labels: ["forward_host", "mode", "tenant"], buckets: Histogram.defaultBuckets)
        tenantsCount = try registry.gauge("uitsmijter_tenants_count", help: "Number of tenants loaded.").labels()
        tokenRefresh = try registry.counter(
            "interceptor_token_refresh_total", help: "Tokens refreshed by the check.", labels: ["tenant"])
        let reload = try registry.counter(
            "interceptor_config_reload_total", help: "Tenant configuration loads, by result.", labels: ["result"])
        configReloadSuccess = reload.labels("success")
        configReloadFailure = reload.labels("failure")
        let request = try registry.histogram(
            "interceptor_request_duration_seconds", help: "Time from a complete request to its answer, by endpoint.",
            labels: ["endpoint"], buckets: Histogram.requestDurationBuckets)
        requestDurations = Dictionary(uniqueKeysWithValues: Endpoint.allCases.map { ($0, request.labels($0.rawValue)) })
        let provider = try registry.histogram(
            "interceptor_provider_duration_seconds", help: "Time a JavaScript provider took, by provider class.",
            labels: ["provider"], buckets: Histogram.providerDurationBuckets)
        providerDurations = Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, provider.labels($0.rawValue)) })
        try registry.callback("interceptor_connections", help: "Open client connections.",
                              type: .gauge, value: callbacks.connections)
        try registry.callback("process_resident_memory_bytes", help: "Resident memory size in bytes.",
                              type: .gauge, value: callbacks.residentMemoryBytes)
        try registry.callback("process_open_fds", help: "Number of open file descriptors.",
                              type: .gauge, value: callbacks.openFileDescriptors)
        try registry.callback("process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.",
                              type: .counter, value: callbacks.cpuSeconds)
        noTenant = interceptorFailure.labels(Self.unknown, Self.unknown, InterceptorFailureReason.noTenant.rawValue)
    }

    /// `interceptor_request_duration_seconds{endpoint}`, resolved at start.
    public func requestDuration(_ endpoint: Endpoint) -> Histogram {
        // Every case was resolved in init.
        requestDurations[endpoint] ?? Histogram(upperBounds: [])
    }

    /// `interceptor_provider_duration_seconds{provider}`, resolved at start.
    public func providerDuration(_ provider: Provider) -> Histogram {
        providerDurations[provider] ?? Histogram(upperBounds: [])
    }

    /// The text exposition of everything in the registry.
    public func render() -> String { registry.render() }
}
