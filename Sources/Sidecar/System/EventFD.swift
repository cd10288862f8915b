import CSyscalls
import Glibc

/// A counter descriptor used to wake an epoll loop from another thread.
struct EventFD: Sendable {
    let descriptor: FileDescriptor

    init() throws(Errno) {
        descriptor = FileDescriptor(rawValue: try retryingOnInterrupt { cs_eventfd() })
    }

    /// Wakes the loop that polls this descriptor.
    func signal() {
        var one: UInt64 = 1
        withUnsafeBytes(of: &one) { descriptor.writeAll($0) }
    }

    /// Resets the counter after a wake-up.
    func drain() {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { Glibc.read(descriptor.rawValue, $0.baseAddress, 8) }
    }
}
