import CSyscalls
import Glibc

/// `interceptor serve`: set up listeners and state, then run the server.
struct Serve {
    let options: ServeOptions
    let environment: [String: String]

    func run() -> Int32 {
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

        let listeners: [Listener]
        do {
            listeners = try openListeners(logger: logger)
        } catch {
            ProcessEnvironment.printError("interceptor: \(error.description)")
            return 1
        }

        let state = ServiceState()
        state.tenantsLoaded.store(true, ordering: .relaxed)
        let router = Router(state: state)
        let workers = options.workers > 0 ? options.workers : ProcessEnvironment.processorCount
        let server = Server(listeners: listeners, settings: settings, workers: workers, handler: router,
                            state: state, logger: logger, reload: {
                                logger.notice("reload requested")
                                return nil
                            })
        return server.run()
    }

    /// Sockets from systemd when activated (binding nothing else), else the `--listen` addresses.
    private func openListeners(logger: Logger) throws(Listener.BindError) -> [Listener] {
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
