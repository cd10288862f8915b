import CSyscalls
import Engine
import Glibc
import Synchronization

/// A bounded pool of JavaScript worker threads (`--provider-workers`), each
/// with its own `ProviderRuntime` (and so its own JavaScriptCore context group).
///
/// Jobs wait in a bounded queue; `submit` answers false when it is full, and
/// the caller answers 503. JavaScript never runs on an event-loop thread.
/// Workers keep the pool alive until `shutdown()`.
final class ProviderPool: Sendable {
    /// Work for one worker; runs on that worker's thread with its runtime.
    typealias Job = @Sendable (ProviderRuntime) -> Void

    private struct State {
        var queue: [Job] = []
        var head = 0
        var closed = false
        var count: Int { queue.count - head }
    }

    /// Nice value of the provider threads. Default: 19, the lowest priority (with runaway
    /// scripts on a busy 2-core machine, checks/s through nginx stayed at 0.95–0.99 of undisturbed;
    /// at nice 0 they fell to 0.58).
    static let niceness: Int32 = 19

    private let state = Mutex(State())
    private let capacity: Int
    /// Counts queued jobs plus one wake-up per worker at shutdown.
    private let available: Semaphore
    private let threads = Mutex<[pthread_t]>([])

    /// Starts `workers` threads; `makeRuntime` runs once on each of them.
    /// - Parameters:
    ///   - workers: threads. Default (SPEC §1): 2.
    ///   - queueCapacity: jobs waiting beyond the running ones. Default: 64.
    init(workers: Int = 2, queueCapacity: Int = 64, makeRuntime: @escaping @Sendable () -> ProviderRuntime) {
        self.capacity = max(queueCapacity, 0)
        self.available = Semaphore()
        for _ in 0..<max(workers, 1) {
            let start = WorkerStart(pool: self, makeRuntime: makeRuntime)
            var thread = pthread_t()
            let box = Unmanaged.passRetained(start).toOpaque()
            let created = pthread_create(&thread, nil, { argument in
                guard let argument else { return nil }
                let start = Unmanaged<WorkerStart>.fromOpaque(argument).takeRetainedValue()
                start.run()
                return nil
            }, box)
            if created == 0 {
                threads.withLock { $0.append(thread) }
            } else {
                Unmanaged<WorkerStart>.fromOpaque(box).release()
            }
        }
    }

    /// Queues `job`; false when the queue is full or the pool is shut down.
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed, state.count < capacity else { return false }
            state.queue.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Queues a login; `completion` runs on the worker thread.
    func login(script: ProviderScript, credentials: ProviderCredentials, tenant: ProviderTenant,
               timeout: Duration, completion: @escaping @Sendable (LoginOutcome) -> Void) -> Bool {
        submit { runtime in
            completion(runtime.login(script: script, credentials: credentials, tenant: tenant, timeout: timeout))
        }
    }

    /// Queues a validation (token refresh); `completion` runs on the worker thread.
    func validate(script: ProviderScript, username: String, tenant: ProviderTenant,
                  timeout: Duration, completion: @escaping @Sendable (ValidationOutcome) -> Void) -> Bool {
        submit { runtime in
            completion(runtime.validate(script: script, username: username, tenant: tenant, timeout: timeout))
        }
    }

    /// Stops accepting, lets the workers finish every queued job, and joins them.
    func shutdown() {
        let alreadyClosed = state.withLock { state -> Bool in
            defer { state.closed = true }
            return state.closed
        }
        guard !alreadyClosed else { return }
        let joined = threads.withLock { threads -> [pthread_t] in
            defer { threads.removeAll() }
            return threads
        }
        for _ in joined { available.signal() }
        for thread in joined { pthread_join(thread, nil) }
    }

    /// Next job, or nil when the pool is closed and drained.
    fileprivate func next() -> Job? {
        while true {
            available.wait()
            let (job, done) = state.withLock { state -> (Job?, Bool) in
                guard state.count > 0 else { return (nil, state.closed) }
                let job = state.queue[state.head]
                state.head += 1
                if state.head > 64, state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return (job, false)
            }
            if let job { return job }
            if done { return nil }
        }
    }
}

/// What a new worker thread needs; handed over through pthread_create.
private final class WorkerStart: Sendable {
    let pool: ProviderPool
    let makeRuntime: @Sendable () -> ProviderRuntime

    init(pool: ProviderPool, makeRuntime: @escaping @Sendable () -> ProviderRuntime) {
        self.pool = pool
        self.makeRuntime = makeRuntime
    }

    func run() {
        _ = cs_name_current_thread("provider")
        // Token checks come first: a runaway script must not take the event loops' CPU.
        // On Linux the nice value is per thread; raising it needs no privilege.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, ProviderPool.niceness)
        let runtime = makeRuntime()
        while let job = pool.next() { job(runtime) }
    }
}

/// A POSIX counting semaphore with a stable address.
private final class Semaphore: @unchecked Sendable {
    // `@unchecked`: sem_t is made for concurrent use; the pointer never changes.
    private let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

    init() { sem_init(semaphore, 0, 0) }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    func signal() { sem_post(semaphore) }

    /// Waits for a post; retries on EINTR.
    func wait() {
        while sem_wait(semaphore) != 0, errno == EINTR {}
    }
}
