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
    private let logger: Logger
    /// Called on SIGHUP and on tenant directory changes; returns a short status line.
    private let reload: () -> String?
    /// Changes here reload after a short quiet time.
    private let watch: DirectoryWatch?
    /// Quiet time after the last change before reloading. Default: 250 ms.
    private let debounce: Int64 = 250

    private let shared: LoopGroupState
    /// Delivers SIGTERM, SIGINT and SIGHUP; opened before any thread started.
    private let signals: Int32

    init(signals: Int32, listeners: [Listener], settings: LoopSettings, workers: Int, handler: any RequestHandler,
         shared: LoopGroupState, logger: Logger, watch: DirectoryWatch?,
         reload: @escaping () -> String?) {
        self.shared = shared
        self.signals = signals
        self.watch = watch
        self.listeners = listeners
        self.settings = settings
        self.workers = workers
        self.handler = handler
        self.logger = logger
        self.reload = reload
    }

    private func runReload() {
        SystemdActivation.notify("RELOADING=1\nMONOTONIC_USEC=\(MonotonicClock.microseconds())")
        let status = reload()
        SystemdActivation.notify("READY=1" + (status.map { "\nSTATUS=\($0)" } ?? ""))
    }

    /// Serves until SIGTERM or SIGINT, then drains. Returns the process exit code.
    func run() -> Int32 {
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

        var polls = [pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: watch?.descriptor.rawValue ?? -1, events: Int16(POLLIN), revents: 0)]
        var reloadAt: Int64?
        serving: while true {
            var now = MonotonicClock.now()
            var timeout: Int64 = -1
            if let watchdog {
                if now >= nextWatchdog {
                    SystemdActivation.notify("WATCHDOG=1")
                    nextWatchdog = now + watchdog
                }
                timeout = nextWatchdog - now
            }
            if let reloadAt { timeout = timeout < 0 ? max(0, reloadAt - now) : min(timeout, max(0, reloadAt - now)) }
            _ = Glibc.poll(&polls, 2, Int32(clamping: timeout))
            now = MonotonicClock.now()
            if let watch, watch.drain() { reloadAt = now + debounce }
            if let due = reloadAt, now >= due {
                reloadAt = nil
                runReload()
                watch?.rearm()
            }
            while true {
                let signal = cs_signalfd_read(signals)
                if signal <= 0 { break }
                switch signal {
                case SIGHUP:
                    runReload()
                    watch?.rearm()
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
