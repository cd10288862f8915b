import CSyscalls
import Glibc

/// A file descriptor owned by its holder; `close()` ends it exactly once.
struct FileDescriptor: Hashable, Sendable {
    let rawValue: Int32

    /// Reads into `buffer`; 0 means end of file. `EAGAIN` is thrown as `Errno.wouldBlock`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try retryingOnInterrupt { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes as much of `bytes` as the kernel takes now.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        try retryingOnInterrupt { Glibc.send(rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Writes to a non-socket descriptor (stderr, eventfd).
    func writeAll(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(rawValue, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    func setNonBlocking() throws(Errno) {
        _ = try retryingOnInterrupt { cs_set_nonblocking(rawValue) }
    }

    func close() { _ = Glibc.close(rawValue) }
}
