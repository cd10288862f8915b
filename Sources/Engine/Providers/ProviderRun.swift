/// The state of one provider run: a fresh global context with the provider
/// globals (`commit`, `say`, `console`, `md5`, `sha256`, `fetch`), what the
/// script committed, and the fetches it is waiting for.
final class ProviderRun {
    let context: JSScriptContext
    private let tenant: String
    private let log: ProviderLogSink
    private let limits: ProviderLimits

    /// True once the script called `commit`; later calls are ignored.
    private(set) var committed = false
    /// The first committed object's string `subject`.
    private(set) var subject: String?
    /// Set when the committed subject breaks a limit.
    private(set) var subjectProblem: String?
    /// Fetches the script started and still awaits, oldest first.
    private(set) var pending: [PendingFetch] = []
    private var fetchCount = 0
    private var logCount = 0

    /// A `fetch` whose promise is settled once the fetcher answers.
    struct PendingFetch {
        let request: FetchRequest
        let resolve: JSPinnedValue
        let reject: JSPinnedValue
    }

    init(machine: JSVirtualMachine, tenant: String, log: @escaping ProviderLogSink, limits: ProviderLimits) {
        self.context = JSScriptContext(in: machine)
        self.tenant = tenant
        self.log = log
        self.limits = limits
        installGlobals()
    }

    /// Takes the oldest pending fetch.
    func nextFetch() -> PendingFetch? {
        pending.isEmpty ? nil : pending.removeFirst()
    }

    /// Drops fetches that will never be performed (run over).
    func abandonFetches() {
        pending.removeAll()
    }

    private func installGlobals() {
        let global = context.global
        global.setProperty("commit", context.makeFunction("commit") { [unowned self] _, arguments throws(JSNativeError) in
            try self.commit(arguments)
            return nil
        })
        global.setProperty("say", context.makeFunction("say") { [unowned self] _, arguments in
            self.write(.info, arguments)
            return nil
        })
        let console = context.makeObject()
        console.setProperty("log", context.makeFunction("log") { [unowned self] _, arguments in
            self.write(.info, arguments)
            return nil
        })
        console.setProperty("error", context.makeFunction("error") { [unowned self] _, arguments in
            self.write(.error, arguments)
            return nil
        })
        global.setProperty("console", console)
        global.setProperty("md5", context.makeFunction("md5") { context, arguments in
            context.makeString(Crypto.md5Hex(arguments.first?.displayString(limit: .max) ?? "undefined"))
        })
        global.setProperty("sha256", context.makeFunction("sha256") { context, arguments in
            context.makeString(Crypto.sha256Hex(arguments.first?.displayString(limit: .max) ?? "undefined"))
        })
        global.setProperty("fetch", context.makeFunction("fetch") { [unowned self] _, arguments throws(JSNativeError) in
            try self.startFetch(arguments)
        })
    }

    private func commit(_ arguments: [JSValueHandle]) throws(JSNativeError) {
        guard !committed else { return }
        for argument in arguments where argument.isObject {
            let value: JSValueHandle
            do throws(JSException) {
                value = try argument.property("subject")
            } catch {
                throw JSNativeError(message: error.message)
            }
            switch value.string(limit: limits.subjectBytes) {
            case .notString:
                continue
            case .tooLong:
                subjectProblem = "subject is longer than \(limits.subjectBytes) bytes"
            case .text(let text) where text.utf8.count > limits.subjectBytes:
                subjectProblem = "subject is longer than \(limits.subjectBytes) bytes"
            case .text(let text):
                subject = text
            }
            break
        }
        committed = true
    }

    private func write(_ level: ProviderLogEntry.Level, _ arguments: [JSValueHandle]) {
        guard logCount < limits.logLinesPerRun else { return }
        logCount += 1
        let limit = limits.logMessageCharacters
        var message = arguments.map { $0.displayString(limit: limit) }.joined(separator: " ")
        if message.count > limit { message = String(message.prefix(limit)) + "…" }
        log(ProviderLogEntry(level: level, tenant: tenant, message: message))
    }

    /// `fetch(url, {method, headers, body})`: records the request, returns a promise.
    private func startFetch(_ arguments: [JSValueHandle]) throws(JSNativeError) -> JSValueHandle {
        guard fetchCount < limits.fetchesPerRun else {
            throw JSNativeError(message: "fetch: more than \(limits.fetchesPerRun) requests in one run")
        }
        guard let first = arguments.first, case .text(let url) = first.string(limit: 8192) else {
            throw JSNativeError(message: "fetch: the first argument must be a URL string of at most 8192 characters")
        }
        var request = FetchRequest(url: url)
        if let options = arguments.dropFirst().first, options.isObject {
            do throws(JSException) {
                let method = try options.property("method")
                if !method.isUndefinedOrNull { request.method = method.displayString(limit: 32).uppercased() }
                let headers = try options.property("headers")
                for name in headers.propertyNames() {
                    request.headers.append((name, try headers.property(name).displayString(limit: 8192)))
                }
                let body = try options.property("body")
                if !body.isUndefinedOrNull {
                    guard case .text(let text) = body.string(limit: 65536) else {
                        throw JSException(message: "fetch: body must be a string of at most 65536 characters",
                                          line: nil, terminated: false)
                    }
                    request.body = text
                }
            } catch {
                throw JSNativeError(message: error.message)
            }
        }
        let promise: (promise: JSValueHandle, resolve: JSValueHandle, reject: JSValueHandle)
        do throws(JSException) {
            promise = try context.makePromise()
        } catch {
            throw JSNativeError(message: error.message)
        }
        fetchCount += 1
        pending.append(PendingFetch(request: request, resolve: JSPinnedValue(promise.resolve),
                                    reject: JSPinnedValue(promise.reject)))
        return promise.promise
    }

    /// Settles a fetch's promise: `{code, body}` on 2xx, else an `Error`
    /// (with `code` and `body` when there was a response), as Uitsmijter.
    /// Promise jobs (the script's `then`) run when this call returns.
    func settle(_ fetch: PendingFetch, with result: FetchResult) throws(JSException) {
        switch result {
        case .response(let status, let body) where (200..<300).contains(status):
            let response = context.makeObject()
            response.setProperty("code", context.makeNumber(Double(status)))
            response.setProperty("body", context.makeString(body))
            try fetch.resolve.value.call([response])
        case .response(let status, let body):
            let error = context.makeError("fetch \(fetch.request.url) answered HTTP status \(status)")
            error.setProperty("code", context.makeNumber(Double(status)))
            error.setProperty("body", context.makeString(body))
            try fetch.reject.value.call([error])
        case .failure(let reason):
            try fetch.reject.value.call([context.makeError("fetch \(fetch.request.url) failed: \(reason)")])
        }
    }
}
