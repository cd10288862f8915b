import CSyscalls
import Glibc

/// A joinable POSIX thread running one closure; event loops and provider workers use it.
struct OSThread: @unchecked Sendable {
    private let handle: pthread_t

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread named `name` (≤ 15 bytes, shown by `top -H`).
    init(name: String, _ body: @escaping @Sendable () -> Void) throws(Errno) {
        let threadName = String(name.prefix(15))
        let context = Unmanaged.passRetained(Body {
            _ = cs_name_current_thread(threadName)
            body()
        }).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw Errno(rawValue: result)
        }
        handle = thread
    }

    func join() {
        pthread_join(handle, nil)
    }
}
