import Glibc

/// An `errno` value as a typed error, so system calls can use typed throws.
struct Errno: Error, Equatable, CustomStringConvertible {
    let rawValue: Int32

    /// The calling thread's current `errno`.
    static var current: Errno { Errno(rawValue: errno) }

    static let wouldBlock = Errno(rawValue: EAGAIN)
    static let interrupted = Errno(rawValue: EINTR)
    static let connectionReset = Errno(rawValue: ECONNRESET)
    static let brokenPipe = Errno(rawValue: EPIPE)
    static let tooManyFiles = Errno(rawValue: EMFILE)

    var description: String { String(cString: strerror(rawValue)) }
}

/// Runs a system call, retrying on `EINTR`; a negative result becomes a thrown `Errno`.
@inline(__always)
func retryingOnInterrupt<T: SignedInteger>(_ call: () -> T) throws(Errno) -> T {
    while true {
        let result = call()
        if result >= 0 { return result }
        let error = Errno.current
        if error != .interrupted { throw error }
    }
}
