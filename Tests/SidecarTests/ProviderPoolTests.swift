import Dispatch
import Engine
import Synchronization
import Testing
@testable import Sidecar

/// The bounded pool the JavaScript providers run on (jobs here never touch JavaScript).
@Suite struct ProviderPoolTests {
    struct NoFetch: ProviderFetcher {
        func fetch(_ request: FetchRequest, timeout: Duration) -> FetchResult { .failure("no network in tests") }
    }

    static func pool(workers: Int, queue: Int) -> ProviderPool {
        ProviderPool(workers: workers, queueCapacity: queue) { ProviderRuntime(fetcher: NoFetch()) { _ in } }
    }

    @Test func fullQueueRefusesAndEveryAcceptedJobRuns() {
        let pool = Self.pool(workers: 1, queue: 2)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let ran = Atomic<Int>(0)
        #expect(pool.submit { _ in
            started.signal()
            release.wait()
            ran.add(1, ordering: .relaxed)
        })
        started.wait()  // the only worker is busy now
        #expect(pool.submit { _ in ran.add(1, ordering: .relaxed) })
        #expect(pool.submit { _ in ran.add(1, ordering: .relaxed) })
        #expect(!pool.submit { _ in ran.add(1, ordering: .relaxed) })  // queue of 2 is full: the caller answers 503
        release.signal()
        pool.shutdown()  // finishes what was queued, then joins
        #expect(ran.load(ordering: .relaxed) == 3)
        #expect(!pool.submit { _ in })  // closed
    }

    @Test func workersRunJobsConcurrently() {
        let pool = Self.pool(workers: 2, queue: 4)
        let both = DispatchSemaphore(value: 0)
        let arrived = Atomic<Int>(0)
        let timedOut = Atomic<Int>(0)
        for _ in 0..<2 {
            #expect(pool.submit { _ in
                // Each job waits for the other: only two threads can get both past this.
                if arrived.add(1, ordering: .relaxed).newValue == 2 { both.signal(); both.signal() }
                if both.wait(timeout: .now() + 5) == .timedOut { timedOut.add(1, ordering: .relaxed) }
            })
        }
        pool.shutdown()
        #expect(arrived.load(ordering: .relaxed) == 2)
        #expect(timedOut.load(ordering: .relaxed) == 0)  // one thread alone would have timed out
    }
}
