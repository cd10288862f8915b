import Protocol

/// One accepted connection, owned by exactly one event loop.
final class Connection {
    let id: UInt64
    let descriptor: FileDescriptor
    let context: RequestContext
    var decoder: RequestDecoder

    /// Encoded responses not yet taken by the kernel; `written` of them are.
    var output: [UInt8] = []
    var written = 0
    /// A handler answers the current request on another thread; later requests wait (in order).
    var awaitingResponse = false
    /// Close once `output` is flushed (error response, `Connection: close`, shutdown).
    var closeAfterFlush = false
    /// Write side shut down after an error; reading and discarding until the peer closes.
    var lingering = false
    /// Monotonic milliseconds after which the connection times out.
    var deadline: Int64
    /// When the bytes of the current incomplete request began to arrive.
    var requestStartedAt: Int64?
    /// The events epoll watches for now.
    var interest: Epoll.Events = .readable
    /// How to frame the deferred answer.
    var pendingFraming = ResponseFraming.closing

    init(id: UInt64, descriptor: FileDescriptor, context: RequestContext, limits: DecoderLimits, deadline: Int64) {
        self.id = id
        self.descriptor = descriptor
        self.context = context
        self.decoder = RequestDecoder(limits: limits)
        self.deadline = deadline
    }

    var hasPendingOutput: Bool { written < output.count }

    /// Idle: nothing buffered, nothing in flight, nothing to write.
    var isIdle: Bool {
        !awaitingResponse && !hasPendingOutput && decoder.isIdle && !lingering
    }
}
