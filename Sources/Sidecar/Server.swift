import CSyscalls
import Glibc
import Protocol

/// Runs the event loops and answers signals on the main thread: readiness, watchdog, reload
/// and a graceful drain with bounded escalation.
final class Server {
    private let listeners: [Listener]
    private let settings: LoopSettings
    private let workers: Int
    private let handler: any RequestHandler
    private let state: ServiceState
    private let logger: Logger
    /// Called on SIGHUP and on tenant directory changes; returns a short status line.
    private let reload: () -> String?

    init(listeners: [Listener], settings: LoopSettings, workers: Int, handler: any RequestHandler,
         state: ServiceState, logger: Logger, reload: @escaping () -> String?) {
        self.listeners = listeners
        self.settings = settings
        self.workers = workers
        self.handler = handler
        self.state = state
        self.logger = logger
        self.reload = reload
    }

    /// Serves until SIGTERM or SIGINT, then drains. Returns the process exit code.
    func run() -> Int32 {
        // Block the signals before any thread starts, so every thread inherits the mask
        // and they arrive only through the signalfd.
        let signals = cs_signalfd()
        guard signals >= 0 else {
            logger.error("cannot set up signal handling", ["error": Errno.current.description])
            return 1
        }
        let shared = LoopGroupState()
        var loops: [EventLoop] = []
        var threads: [OSThread] = []
        do {
            for index in 0..<workers {
                let loop = try EventLoop(index: index, listeners: listeners, handler: handler, settings: settings,
                                         shared: shared, logger: logger)
                loops.append(loop)
                threads.append(try OSThread(name: "loop-\(index)") { loop.run() })
            }
        } catch {
            logger.error("cannot start event loops", ["error": error.description])
            return 1
        }

        let watchdog = SystemdActivation.watchdogInterval()
        var nextWatchdog = MonotonicClock.now()
        SystemdActivation.notify("READY=1\nSTATUS=serving on \(listeners.map(\.label).joined(separator: ", "))")
        logger.notice("serving", ["listeners": listeners.map(\.label).joined(separator: ","),
                                  "workers": String(workers)])

        var poll = pollfd(fd: signals, events: Int16(POLLIN), revents: 0)
        serving: while true {
            let now = MonotonicClock.now()
            var timeout: Int32 = -1
            if let watchdog {
                if now >= nextWatchdog {
                    SystemdActivation.notify("WATCHDOG=1")
                    nextWatchdog = now + watchdog
                }
                timeout = Int32(clamping: nextWatchdog - now)
            }
            _ = Glibc.poll(&poll, 1, timeout)
            while true {
                let signal = cs_signalfd_read(signals)
                if signal <= 0 { break }
                switch signal {
                case SIGHUP:
                    SystemdActivation.notify("RELOADING=1\nMONOTONIC_USEC=\(MonotonicClock.microseconds())")
                    let status = reload()
                    SystemdActivation.notify("READY=1" + (status.map { "\nSTATUS=\($0)" } ?? ""))
                case SIGTERM, SIGINT:
                    logger.notice("shutting down, draining connections",
                                  ["signal": signal == SIGTERM ? "SIGTERM" : "SIGINT"])
                    break serving
                default:
                    break
                }
            }
        }

        SystemdActivation.notify("STOPPING=1\nSTATUS=draining")
        state.draining.store(true, ordering: .relaxed)
        shared.draining.store(true, ordering: .releasing)
        for loop in loops { loop.wake() }
        // New connections are refused at once rather than queued for a process that is leaving.
        // Inherited listeners stay untouched: systemd keeps them for the next start.
        for listener in listeners where !listener.inherited {
            shutdown(listener.descriptor.rawValue, Int32(SHUT_RDWR))
        }
        for thread in threads { thread.join() }
        for listener in listeners { listener.close() }
        logger.notice("stopped")
        return 0
    }
}
