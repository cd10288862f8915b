/// Runs tenants' JavaScript providers; one per worker thread.
///
/// Owns one JavaScriptCore context group, created (and the library loaded)
/// on the first run. Each run gets a fresh global context, so nothing a script
/// stores survives into the next user's run. Runs are synchronous on the
/// calling thread; `fetch` goes through the injected `ProviderFetcher`.
/// Not thread-safe: never share one runtime between threads.
public final class ProviderRuntime {
    private let fetcher: any ProviderFetcher
    private let log: ProviderLogSink
    let limits: ProviderLimits
    private var machine: JSVirtualMachine?
    /// Runs on the current context group.
    private var runs = 0
    private let clock = ContinuousClock()

    /// A context group is replaced after this many runs: its heap keeps growing slowly over
    /// thousands of fresh contexts, and a new group (≈ 0.6 ms) hands that memory back.
    /// Default: 1,000.
    static let runsPerGroup = 1000

    public init(fetcher: any ProviderFetcher, limits: ProviderLimits = ProviderLimits(),
                log: @escaping ProviderLogSink) {
        self.fetcher = fetcher
        self.limits = limits
        self.log = log
    }

    /// Runs `new UserLoginProvider({username, password, grant_type: "interceptor", tenant: {name, namespace}})`
    /// and reads `canLogin`, `userProfile`, `role`, `roles` once it commits.
    /// - Parameter timeout: the whole run, fetches included (`SCRIPT_TIMEOUT`, default 30 s).
    public func login(script: ProviderScript, credentials: ProviderCredentials, tenant: ProviderTenant,
                      timeout: Duration) -> LoginOutcome {
        let deadline = clock.now.advanced(by: timeout)
        let started = start(script: script, className: "UserLoginProvider", tenant: tenant, deadline: deadline) { context in
            let argument = context.makeObject()
            argument.setProperty("username", context.makeString(credentials.username))
            argument.setProperty("password", context.makeString(credentials.password))
            argument.setProperty("grant_type", context.makeString("interceptor"))
            argument.setProperty("tenant", Self.tenantObject(tenant, in: context))
            return argument
        }
        switch read(started, deadline: deadline, { run, instance throws(ProviderFailure) in
            try self.loginResult(of: instance, run: run, deadline: deadline)
        }) {
        case .success(let outcome): return outcome
        case .failure(let failure): return .failed(failure)
        }
    }

    /// Runs `new UserValidationProvider({username, tenant: {name, namespace}})` and reads `isValid`.
    public func validate(script: ProviderScript, username: String, tenant: ProviderTenant,
                         timeout: Duration) -> ValidationOutcome {
        let deadline = clock.now.advanced(by: timeout)
        let started = start(script: script, className: "UserValidationProvider", tenant: tenant, deadline: deadline) { context in
            let argument = context.makeObject()
            argument.setProperty("username", context.makeString(username))
            argument.setProperty("tenant", Self.tenantObject(tenant, in: context))
            return argument
        }
        switch read(started, deadline: deadline, { _, instance throws(ProviderFailure) -> Bool in
            try self.javaScript(deadline) { () throws(JSException) in try instance.property("isValid").truthy }
        }) {
        case .success(let valid): return valid ? .valid : .invalid
        case .failure(let failure): return .failed(failure)
        }
    }

    /// Reads the committed provider's result under the remaining time; a run that did not
    /// start, or that the time limit stopped, is a failure.
    private func read<T>(_ started: Result<(ProviderRun, JSPinnedValue), ProviderFailure>,
                         deadline: ContinuousClock.Instant,
                         _ body: (ProviderRun, JSValueHandle) throws(ProviderFailure) -> T) -> Result<T, ProviderFailure> {
        switch started {
        case .failure(let failure):
            return .failure(failure)
        case .success(let (run, instance)):
            return enter(run, deadline: deadline) { () throws(ProviderFailure) in try body(run, instance.value) }
                ?? .failure(.timeout)
        }
    }

    private static func tenantObject(_ tenant: ProviderTenant, in context: JSScriptContext) -> JSValueHandle {
        let object = context.makeObject()
        object.setProperty("name", context.makeString(tenant.name))
        object.setProperty("namespace", context.makeString(tenant.namespace))
        return object
    }

    /// Evaluates the script in a fresh context, constructs the provider, and
    /// performs its fetches until it commits, waits for nothing, or runs out of time.
    private func start(script: ProviderScript, className: String, tenant: ProviderTenant,
                       deadline: ContinuousClock.Instant,
                       argument: (JSScriptContext) -> JSValueHandle) -> Result<(ProviderRun, JSPinnedValue), ProviderFailure> {
        let machine: JSVirtualMachine
        runs += 1
        if runs > Self.runsPerGroup {
            self.machine = nil
            runs = 1
        }
        if let existing = self.machine {
            machine = existing
        } else {
            do throws(JavaScriptUnavailable) {
                machine = try JSVirtualMachine()
            } catch {
                return .failure(.unavailable(error.description))
            }
            self.machine = machine
        }
        let run = ProviderRun(machine: machine, tenant: tenant.id, log: log, limits: limits)
        let constructed = enter(run, deadline: deadline) { () throws(ProviderFailure) -> JSPinnedValue in
            let type = try self.javaScript(deadline) { () throws(JSException) in
                try run.context.evaluate(script.source)
                return try run.context.evaluate("typeof \(className) === 'function' ? \(className) : undefined")
            }
            guard type.isConstructor else { throw .missingClass(className) }
            return try self.javaScript(deadline) { () throws(JSException) in
                JSPinnedValue(try type.construct([argument(run.context)]))
            }
        }
        guard let constructed else { return .failure(.timeout) }
        switch constructed {
        case .failure(let failure): return .failure(failure)
        case .success(let instance):
            if let failure = drain(run, deadline: deadline) { return .failure(failure) }
            return .success((run, instance))
        }
    }

    /// Performs pending fetches one after another, settling their promises,
    /// until the script commits, nothing is pending, or the deadline passes.
    private func drain(_ run: ProviderRun, deadline: ContinuousClock.Instant) -> ProviderFailure? {
        defer { run.abandonFetches() }
        while !run.committed, let fetch = run.nextFetch() {
            let remaining = deadline - clock.now
            guard remaining > .zero else { return .timeout }
            let result = fetcher.fetch(fetch.request, timeout: min(limits.fetchTimeout, remaining))
            let settled = enter(run, deadline: deadline) { () throws(ProviderFailure) in
                do throws(JSException) { try run.settle(fetch, with: result) } catch { throw self.failure(error, deadline: deadline) }
            }
            guard let settled else { return .timeout }
            if case .failure(let failure) = settled { return failure }
        }
        if run.committed {
            if let problem = run.subjectProblem { return .badResult(problem) }
            return nil
        }
        return clock.now >= deadline ? .timeout : .neverCommitted
    }

    /// Runs `body` (which calls into JavaScript) under the remaining time;
    /// nil when no time is left or the time limit stopped the script.
    private func enter<T>(_ run: ProviderRun, deadline: ContinuousClock.Instant,
                          _ body: () throws(ProviderFailure) -> T) -> Result<T, ProviderFailure>? {
        let remaining = deadline - clock.now
        guard remaining > .zero else { return nil }
        let machine = run.context.machine
        machine.limitExecution(until: deadline)
        let result: Result<T, ProviderFailure>
        do throws(ProviderFailure) { result = .success(try body()) } catch { result = .failure(error) }
        if machine.executionLimitFired {
            // A stop inside promise jobs leaves the group's VM with a pending
            // termination that aborts the next context creation; a group is
            // cheap (≈ 0.6 ms), so a timed-out run retires it.
            self.machine = nil
            return nil
        }
        return result
    }

    /// Runs `body`, turning a JavaScript exception into a failure.
    func javaScript<T>(_ deadline: ContinuousClock.Instant,
                       _ body: () throws(JSException) -> T) throws(ProviderFailure) -> T {
        do throws(JSException) { return try body() } catch { throw failure(error, deadline: deadline) }
    }

    func failure(_ exception: JSException, deadline: ContinuousClock.Instant) -> ProviderFailure {
        if exception.terminated || clock.now >= deadline { return .timeout }
        let limit = limits.failureMessageCharacters
        let message = exception.message.count > limit ? String(exception.message.prefix(limit)) + "…" : exception.message
        return .threw(message)
    }
}
