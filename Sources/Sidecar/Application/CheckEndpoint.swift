import Engine
import Protocol

/// `/interceptor` and `/auth_request`: decide with the `Authorizer`, ask the tenant's
/// `UserValidationProvider` on the provider threads when a refresh is due, write the answer.
struct CheckEndpoint: Sendable {
    let store: ConfigurationStore
    let providers: ProviderPool
    let scriptTimeout: Duration
    let logger: Logger
    let metrics: InterceptorMetrics

    func handle(_ request: Request, context: RequestContext, writer: CheckWriter, sink: ResponseSink) -> HandlerResult {
        let started = MonotonicClock.seconds()
        let duration = metrics.requestDuration(writer.endpoint)
        guard let authorizer = store.authorizer else { return .respond(writer.write(.deny(.noTenant))) }
        let now = WallClock.now()
        let decision = authorizer.check(request, trustsForwardedHeaders: context.trustsForwardedHeaders, now: now)
        guard case .validate(let pending) = decision else {
            log(decision)
            duration.observe(MonotonicClock.seconds() - started)
            return .respond(writer.write(decision))
        }
        let answer: @Sendable (RefreshOutcome) -> Void = { outcome in
            let decision = authorizer.decision(for: pending, outcome: outcome, now: WallClock.now())
            log(decision)
            duration.observe(MonotonicClock.seconds() - started)
            sink.complete(writer.write(decision))
        }
        switch authorizer.joinRefresh(pending, now: now, waiter: answer) {
        case .done(let outcome):
            let decision = authorizer.decision(for: pending, outcome: outcome, now: now)
            log(decision)
            duration.observe(MonotonicClock.seconds() - started)
            return .respond(writer.write(decision))
        case .wait:
            return .deferred
        case .lead:
            let tenant = ProviderTenant(name: pending.tenant.name, namespace: pending.tenant.namespace ?? "")
            let providerStarted = MonotonicClock.seconds()
            let queued = providers.validate(script: ProviderScript(source: pending.tenant.providerScript),
                                            username: pending.username, tenant: tenant,
                                            timeout: scriptTimeout) { result in
                metrics.providerDuration(.userValidation).observe(MonotonicClock.seconds() - providerStarted)
                if case .failed(let failure) = result {
                    logger.warning("validation provider failed", ["reason": failure.description, "tenant": pending.tenant.id])
                }
                answer(authorizer.finishRefresh(pending, stillValid: result == .valid, now: WallClock.now()))
            }
            if !queued {
                logger.warning("provider queue full, refresh refused", ["tenant": pending.tenant.id])
                answer(authorizer.finishRefresh(pending, stillValid: false, now: WallClock.now()))
            }
            return .deferred
        }
    }

    private func log(_ decision: Decision) {
        guard logger.enabled(.debug) else { return }
        switch decision {
        case .allow(let grant):
            logger.debug("check passed", ["auth.decision": "allow", "auth.refreshed": grant.setCookie == nil ? "false" : "true",
                                          "host": grant.original.host])
        case .login(let challenge):
            logger.debug("check failed", ["auth.decision": "login", "auth.reason": challenge.reason.rawValue,
                                          "host": challenge.original.host])
        case .deny(let reason):
            logger.debug("check denied", ["auth.decision": "deny", "auth.reason": reason.failure.rawValue])
        case .validate:
            break
        }
    }
}
