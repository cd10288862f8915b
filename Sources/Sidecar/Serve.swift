import CSyscalls
import Engine
import Glibc

/// `interceptor serve`: load the configuration, open listeners, run the server.
struct Serve {
    let options: ServeOptions
    let environment: [String: String]

    func run() -> Int32 {
        // Each login runs in a fresh JavaScript context, so JIT-compiled code is never reused,
        // while its executable memory stays resident per provider thread. Without the JIT a
        // sidecar stays within SPEC §9's memory budget after 10,000 logins. Set before any
        // thread starts (setenv is not thread-safe); an operator's own value wins.
        setenv("JSC_useJIT", "false", 0)
        // Block the signals before any thread starts, so every thread inherits the mask
        // and they arrive only through the signalfd.
        let signals = cs_signalfd()
        guard signals >= 0 else {
            ProcessEnvironment.printError("interceptor: cannot set up signal handling: \(Errno.current)")
            return 1
        }
        let logger = Logger(level: options.logLevel, format: options.logFormat,
                            journal: environment["JOURNAL_STREAM"] != nil)
        var settings = LoopSettings()
        settings.headerTimeout = Int64(options.headerTimeoutSeconds * 1000)
        settings.idleTimeout = Int64(options.idleTimeoutSeconds * 1000)
        settings.trustedProxies = options.trustedProxies
        settings.maxConnections = options.maxConnections
        // Room for every connection plus listeners, epoll and tenant files.
        let limit = cs_raise_nofile(settings.maxConnections + 256)
        if limit < settings.maxConnections + 256 {
            logger.warning("open file limit is below the connection limit", ["limit": String(limit)])
            settings.maxConnections = max(16, limit - 256)
        }

        let shared = LoopGroupState()
        let metrics: InterceptorMetrics
        do {
            metrics = try InterceptorMetrics(registry: MetricsRegistry(), callbacks: ProcessMetrics().callbacks(
                connections: { Double(shared.connections.load(ordering: .relaxed)) }))
        } catch {
            ProcessEnvironment.printError("interceptor: cannot register metrics: \(error)")
            return 1
        }
        let store = ConfigurationStore(options: options, environment: environment, metrics: metrics)
        do {
            let loaded = try store.load()
            for warning in loaded.warnings { logger.warning(warning.description) }
            if loaded.secrets.current.count < 32 {
                logger.warning("the JWT secret is shorter than 32 bytes; use a longer random secret",
                               ["source": loaded.secrets.source])
            }
            logger.info("configuration loaded", ["secret.source": loaded.secrets.source,
                                                 "tenants": String(loaded.authorizer.tenants.count)])
        } catch {
            ProcessEnvironment.printError("interceptor: \(error.description)")
            return 78
        }

        let listeners: [Listener]
        do {
            listeners = try openListeners()
        } catch {
            ProcessEnvironment.printError("interceptor: \(error.description)")
            return 1
        }

        let providers = ProviderPool(workers: options.providerWorkers, queueCapacity: 64) {
            ProviderRuntime(fetcher: HTTPFetcher()) { entry in
                switch entry.level {
                case .info: logger.info(entry.message, ["tenant": entry.tenant])
                case .error: logger.error(entry.message, ["tenant": entry.tenant])
                }
            }
        }
        // No join on the way out: a script still running may take SCRIPT_TIMEOUT, longer than the
        // drain (≤ 10 s) and systemd's stop timeout; the process exits without waiting for it.
        let checks = CheckEndpoint(store: store, providers: providers,
                                   scriptTimeout: .milliseconds(Int64(options.scriptTimeoutSeconds * 1000)), logger: logger,
                                   metrics: metrics)
        let logins = LoginEndpoint(store: store, providers: providers, limiter: BruteForceLimiter(),
                                   scriptTimeout: .milliseconds(Int64(options.scriptTimeoutSeconds * 1000)),
                                   logger: logger, metrics: metrics)
        let router = Router(loops: shared, store: store, checks: checks, logins: logins, metrics: metrics)
        let workers = options.workers > 0 ? options.workers : ProcessEnvironment.processorCount
        let server = Server(signals: signals, listeners: listeners, settings: settings, workers: workers, handler: router,
                            shared: shared, logger: logger, watch: DirectoryWatch(path: options.tenantsDirectory)) {
            reload(store, logger: logger)
        }
        return server.run()
    }

    /// Reloads tenants and secrets; any error keeps the configuration in force.
    private func reload(_ store: ConfigurationStore, logger: Logger) -> String {
        do {
            let loaded = try store.load()
            for warning in loaded.warnings { logger.warning(warning.description) }
            logger.notice("configuration reloaded", ["tenants": String(loaded.authorizer.tenants.count)])
            return "serving \(loaded.authorizer.tenants.count) tenants"
        } catch {
            for line in error.description.split(separator: "\n") { logger.error(String(line)) }
            logger.error("configuration reload failed, keeping the previous configuration")
            return "reload failed, serving the previous configuration"
        }
    }

    /// Sockets from systemd when activated (binding nothing else), else the `--listen` addresses.
    private func openListeners() throws(Listener.BindError) -> [Listener] {
        let inherited = SystemdActivation.inheritedSockets()
        if !inherited.isEmpty {
            return try inherited.map { socket throws(Listener.BindError) in
                try Listener.inherited(socket.descriptor, name: socket.name)
            }
        }
        var listeners: [Listener] = []
        for address in options.listen {
            do {
                listeners.append(try Listener.bind(address))
            } catch {
                for listener in listeners { listener.close() }
                throw error
            }
        }
        return listeners
    }
}
