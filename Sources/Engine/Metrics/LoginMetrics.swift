/// The login counters for one forward host of one tenant (`mode="interceptor"`), resolved at configuration load.
public struct LoginMetrics: Sendable {
    /// `uitsmijter_login_success{forward_host,mode,tenant}`
    public let success: Counter
    /// `uitsmijter_login_failure{forward_host,mode,tenant}`: wrong credentials, provider error or timeout.
    public let failure: Counter
    /// `uitsmijter_login_attempts{forward_host,mode,tenant}`: observe `1` for every `POST /login`, as Uitsmijter does.
    public let attempts: Histogram

    init(metrics: InterceptorMetrics, forwardHost: String, tenant: String) {
        let mode = InterceptorMetrics.mode
        success = metrics.loginSuccess.labels(forwardHost, mode, tenant)
        failure = metrics.loginFailure.labels(forwardHost, mode, tenant)
        attempts = metrics.loginAttempts.labels(forwardHost, mode, tenant)
    }

    /// Counts one `POST /login`: an attempt, then a success or a failure.
    public func record(succeeded: Bool) {
        attempts.observe(1)
        (succeeded ? success : failure).increment()
    }
}
