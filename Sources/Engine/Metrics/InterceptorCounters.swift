/// The check's counters for one configured host of one tenant, resolved at configuration load.
public struct InterceptorCounters: Sendable {
    /// `uitsmijter_interceptor_success{requested_host,tenant}`
    public let success: Counter
    private let invalidToken: Counter
    private let tenantNotAllowed: Counter
    private let userInvalid: Counter
    /// The shared `{requested_host="unknown",tenant="unknown",reason="NO_TENANT"}` counter.
    private let noTenant: Counter

    init(metrics: InterceptorMetrics, requestedHost: String, tenant: String) {
        success = metrics.interceptorSuccess.labels(requestedHost, tenant)
        let failure = { (reason: InterceptorFailureReason) in
            metrics.interceptorFailure.labels(requestedHost, tenant, reason.rawValue)
        }
        invalidToken = failure(.invalidToken)
        tenantNotAllowed = failure(.tenantNotAllowed)
        userInvalid = failure(.userInvalid)
        noTenant = metrics.noTenant
    }

    /// `uitsmijter_interceptor_failure{requested_host,tenant,reason}`; `.noTenant` is the shared placeholder counter.
    public func failure(_ reason: InterceptorFailureReason) -> Counter {
        switch reason {
        case .invalidToken: invalidToken
        case .noTenant: noTenant
        case .tenantNotAllowed: tenantNotAllowed
        case .userInvalid: userInvalid
        }
    }
}
