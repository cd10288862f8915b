import CSyscalls

/// One epoll instance. Events carry a 64-bit token chosen by the caller.
struct Epoll {
    struct Events: OptionSet {
        let rawValue: UInt32
        static let readable = Events(rawValue: UInt32(CS_EPOLLIN))
        static let writable = Events(rawValue: UInt32(CS_EPOLLOUT))
        static let error = Events(rawValue: UInt32(CS_EPOLLERR))
        static let hangUp = Events(rawValue: UInt32(CS_EPOLLHUP))
        static let peerClosed = Events(rawValue: UInt32(CS_EPOLLRDHUP))
        /// Wakes only one of the epoll instances waiting on a shared listener (no thundering herd).
        static let exclusive = Events(rawValue: UInt32(CS_EPOLLEXCLUSIVE))
    }

    let descriptor: FileDescriptor

    init() throws(Errno) {
        descriptor = FileDescriptor(rawValue: try retryingOnInterrupt { cs_epoll_create() })
    }

    func add(_ fd: FileDescriptor, _ events: Events, token: UInt64) throws(Errno) {
        _ = try retryingOnInterrupt { cs_epoll_add(descriptor.rawValue, fd.rawValue, events.rawValue, token) }
    }

    func modify(_ fd: FileDescriptor, _ events: Events, token: UInt64) throws(Errno) {
        _ = try retryingOnInterrupt { cs_epoll_modify(descriptor.rawValue, fd.rawValue, events.rawValue, token) }
    }

    func remove(_ fd: FileDescriptor) {
        _ = cs_epoll_delete(descriptor.rawValue, fd.rawValue)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and fills `events`; returns how many are ready.
    func wait(into events: UnsafeMutableBufferPointer<cs_event>, timeoutMilliseconds: Int32) -> Int {
        let count = cs_epoll_wait(descriptor.rawValue, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        return max(0, Int(count))
    }
}
