import CSyscalls
import Glibc
import Protocol
import Synchronization

/// State every loop shares: the connection count (for the limit) and the drain flag.
final class LoopGroupState: Sendable {
    let connections = Atomic<Int>(0)
    let draining = Atomic<Bool>(false)
}

/// One epoll loop on its own thread. Every loop watches every listener with `EPOLLEXCLUSIVE`,
/// so the kernel wakes one of them per incoming connection; a connection then stays on the
/// loop that accepted it. Other threads talk to a loop only through `post` and `wake`.
final class EventLoop: @unchecked Sendable {
    private static let wakeToken: UInt64 = 0
    private static let firstConnectionToken: UInt64 = 1 << 20

    let index: Int
    private let epoll: Epoll
    private let wakeEvent: EventFD
    private let listeners: [Listener]
    private let handler: any RequestHandler
    private let settings: LoopSettings
    private let shared: LoopGroupState
    private let logger: Logger

    /// Responses computed on other threads, waiting to be written by this loop.
    private let inbox = Mutex<[(connection: UInt64, response: Response)]>([])

    // Owned by the loop thread only.
    private var connections: [UInt64: Connection] = [:]
    private var nextToken = EventLoop.firstConnectionToken
    private var readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private var now = MonotonicClock.now()
    private var nextSweep: Int64 = 0
    private var drainDeadline: Int64?

    init(index: Int, listeners: [Listener], handler: any RequestHandler, settings: LoopSettings,
         shared: LoopGroupState, logger: Logger) throws(Errno) {
        self.index = index
        self.epoll = try Epoll()
        self.wakeEvent = try EventFD()
        self.listeners = listeners
        self.handler = handler
        self.settings = settings
        self.shared = shared
        self.logger = logger
        try epoll.add(wakeEvent.descriptor, .readable, token: Self.wakeToken)
        for (position, listener) in listeners.enumerated() {
            try epoll.add(listener.descriptor, [.readable, .exclusive], token: UInt64(position + 1))
        }
    }

    deinit {
        readBuffer.deallocate()
        epoll.descriptor.close()
        wakeEvent.descriptor.close()
    }

    /// Hands a response computed elsewhere to this loop; safe from any thread.
    func post(_ response: Response, to connection: UInt64) {
        inbox.withLock { $0.append((connection, response)) }
        wakeEvent.signal()
    }

    /// Wakes the loop so it notices the drain flag.
    func wake() { wakeEvent.signal() }

    /// Runs until drained after shutdown was requested.
    func run() {
        let capacity = 256
        let events = UnsafeMutableBufferPointer<cs_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let ready = epoll.wait(into: events, timeoutMilliseconds: pollTimeout())
            now = MonotonicClock.now()
            for position in 0..<ready {
                dispatch(token: events[position].data, events: Epoll.Events(rawValue: events[position].events))
            }
            if drainDeadline == nil && shared.draining.load(ordering: .acquiring) { beginDrain() }
            if now >= nextSweep { sweep() }
            if let drainDeadline {
                if connections.isEmpty { break }
                if now >= drainDeadline {
                    logger.warning("drain timeout, closing connections", ["connections": String(connections.count)])
                    for connection in Array(connections.values) { close(connection) }
                    break
                }
            }
        }
    }

    private func pollTimeout() -> Int32 {
        Int32(clamping: max(0, min(nextSweep - now, 1000)))
    }

    private func dispatch(token: UInt64, events: Epoll.Events) {
        if token == Self.wakeToken {
            wakeEvent.drain()
            // Before anything else in this batch: answers from now on close their connection.
            if drainDeadline == nil && shared.draining.load(ordering: .acquiring) { beginDrain() }
            deliverPosted()
        } else if token < Self.firstConnectionToken {
            acceptConnections(from: listeners[Int(token) - 1])
        } else if let connection = connections[token] {
            if !events.intersection([.error, .hangUp]).isEmpty && !events.contains(.readable) {
                close(connection)
                return
            }
            if events.contains(.writable) { flush(connection) }
            if events.contains(.readable), connections[token] != nil { receive(connection) }
        }
    }

    // MARK: Accepting

    private func acceptConnections(from listener: Listener) {
        for _ in 0..<64 {
            let fd = cs_accept(listener.descriptor.rawValue)
            if fd < 0 {
                let error = Errno.current
                // EINVAL: the listener was shut down for draining.
                if error != .wouldBlock && error != .interrupted && error.rawValue != EINVAL {
                    logger.warning("accept failed", ["error": error.description, "listener": listener.label])
                }
                return
            }
            let descriptor = FileDescriptor(rawValue: fd)
            let count = shared.connections.wrappingAdd(1, ordering: .relaxed).newValue
            if count > settings.maxConnections || drainDeadline != nil {
                shared.connections.wrappingSubtract(1, ordering: .relaxed)
                descriptor.close()
                continue
            }
            let connection = Connection(id: nextToken, descriptor: descriptor,
                                        context: context(for: descriptor, listener: listener),
                                        limits: settings.limits, deadline: now + settings.idleTimeout)
            nextToken += 1
            do {
                try epoll.add(descriptor, connection.interest, token: connection.id)
            } catch {
                shared.connections.wrappingSubtract(1, ordering: .relaxed)
                descriptor.close()
                continue
            }
            connections[connection.id] = connection
            if logger.enabled(.debug) {
                logger.debug("connection accepted", ["listener": listener.label, "loop": String(index)])
            }
        }
    }

    private func context(for descriptor: FileDescriptor, listener: Listener) -> RequestContext {
        var address = [UInt8](repeating: 0, count: 16)
        let family = cs_peer(descriptor.rawValue, &address)
        switch family {
        case AF_INET:
            let v4 = Array(address.prefix(4))
            return RequestContext(role: listener.role,
                                  trustsForwardedHeaders: settings.trustedProxies.contains { $0.contains(v4) },
                                  peer: v4.map(String.init).joined(separator: "."))
        case AF_INET6:
            return RequestContext(role: listener.role,
                                  trustsForwardedHeaders: settings.trustedProxies.contains { $0.contains(address) },
                                  peer: CIDR.describe(address))
        default:
            return RequestContext(role: listener.role, trustsForwardedHeaders: true, peer: "unix")
        }
    }

    // MARK: Reading and answering

    private func receive(_ connection: Connection) {
        // A few reads per wake-up keep one busy peer from starving the others.
        for _ in 0..<4 {
            let count: Int
            do {
                count = try connection.descriptor.read(into: readBuffer)
            } catch {
                if error == .wouldBlock { break }
                close(connection)
                return
            }
            if count == 0 {
                // The peer is done sending; answer what it sent, then close.
                if connection.lingering || !connection.awaitingResponse && !connection.hasPendingOutput {
                    close(connection)
                    return
                }
                connection.closeAfterFlush = true
                break
            }
            if connection.lingering { continue }
            connection.decoder.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            process(connection)
            if connection.awaitingResponse || connection.closeAfterFlush || connections[connection.id] == nil { break }
            if count < readBuffer.count { break }
        }
        if connections[connection.id] != nil { flush(connection) }
    }

    /// Answers every complete request in the buffer, in order, until one is deferred.
    private func process(_ connection: Connection) {
        while !connection.awaitingResponse && !connection.closeAfterFlush
                && connection.output.count - connection.written < settings.outputHighWater {
            let request: Request?
            do {
                request = try connection.decoder.next()
            } catch {
                logger.debug("request rejected", ["http.status": String(error.status), "reason": error.description])
                enqueue(handler.reject(error), on: connection, framing: .closing)
                break
            }
            guard let request else { break }
            connection.requestStartedAt = nil
            let sink = ResponseSink(loop: self, connection: connection.id)
            switch handler.handle(request, context: connection.context, sink: sink) {
            case .respond(let response):
                enqueue(response, on: connection, framing: ResponseFraming(request))
            case .deferred:
                connection.awaitingResponse = true
                connection.pendingFraming = ResponseFraming(request)
            }
        }
        updateDeadline(connection)
    }

    private func enqueue(_ response: Response, on connection: Connection, framing: ResponseFraming) {
        var response = response
        let keepOpen = framing.keepAlive && drainDeadline == nil && !shared.draining.load(ordering: .relaxed)
        if !keepOpen {
            response.append(.connection, "close")
            connection.closeAfterFlush = true
        } else if framing.http10 {
            response.append(.connection, "keep-alive")
        }
        do {
            try ResponseEncoder.encode(response, into: &connection.output)
            // HEAD: the Content-Length of the GET answer, without its body (RFC 9110 §9.3.2).
            if framing.head { connection.output.removeLast(response.body.count) }
        } catch {
            // A handler produced a header value that cannot be sent; fail closed.
            logger.error("response not encodable", ["reason": "\(error)"])
            connection.closeAfterFlush = true
            try? ResponseEncoder.encode(Response.internalError, into: &connection.output)
        }
    }

    private func deliverPosted() {
        let posted = inbox.withLock { box in
            let items = box
            box.removeAll(keepingCapacity: true)
            return items
        }
        for (token, response) in posted {
            guard let connection = connections[token], connection.awaitingResponse else { continue }
            connection.awaitingResponse = false
            enqueue(response, on: connection, framing: connection.pendingFraming)
            process(connection)
            flush(connection)
        }
    }

    // MARK: Writing and closing

    private func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let result = connection.output.withUnsafeBytes { bytes in
                Result { () throws(Errno) in
                    try connection.descriptor.write(UnsafeRawBufferPointer(rebasing: bytes[connection.written...]))
                }
            }
            switch result {
            case .success(let written):
                connection.written += written
            case .failure(.wouldBlock):
                break
            case .failure:
                close(connection)
                return
            }
            if case .failure = result { break }
        }
        if !connection.hasPendingOutput {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
            connection.written = 0
            if connection.closeAfterFlush && !connection.awaitingResponse && !connection.lingering {
                startLingering(connection)
                return
            }
            // Reading may have paused while output was pending.
            if !connection.awaitingResponse && !connection.closeAfterFlush && !connection.decoder.isIdle {
                process(connection)
                if connection.hasPendingOutput { flush(connection); return }
            }
        }
        updateInterest(connection)
        updateDeadline(connection)
    }

    /// Shuts the write side and discards what the peer still sends, so it reads our answer
    /// instead of a reset; the connection closes at end of input or after the linger time.
    private func startLingering(_ connection: Connection) {
        shutdown(connection.descriptor.rawValue, Int32(SHUT_WR))
        connection.lingering = true
        connection.deadline = now + settings.lingerTimeout
        updateInterest(connection)
    }

    private func updateInterest(_ connection: Connection) {
        var wanted: Epoll.Events = []
        if connection.lingering
            || (!connection.awaitingResponse && !connection.closeAfterFlush
                && connection.output.count - connection.written < settings.outputHighWater) {
            wanted.insert(.readable)
        }
        if connection.hasPendingOutput { wanted.insert(.writable) }
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        do { try epoll.modify(connection.descriptor, wanted, token: connection.id) } catch { close(connection) }
    }

    private func updateDeadline(_ connection: Connection) {
        guard !connection.lingering else { return }
        if connection.awaitingResponse {
            connection.deadline = .max
        } else if !connection.decoder.isIdle && !connection.hasPendingOutput {
            let started = connection.requestStartedAt ?? now
            connection.requestStartedAt = started
            connection.deadline = started + settings.headerTimeout
        } else {
            connection.requestStartedAt = nil
            connection.deadline = now + settings.idleTimeout
        }
    }

    private func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        epoll.remove(connection.descriptor)
        connection.descriptor.close()
        shared.connections.wrappingSubtract(1, ordering: .relaxed)
    }

    // MARK: Timeouts and shutdown

    /// Closes connections past their deadline; checks a few times per header timeout.
    private func sweep() {
        nextSweep = now + max(50, min(1000, settings.headerTimeout / 4))
        for connection in Array(connections.values) where connection.deadline <= now {
            if connection.lingering || connection.hasPendingOutput || connection.decoder.isIdle {
                close(connection)
            } else {
                logger.debug("request timed out", ["http.status": "408"])
                connection.decoder = RequestDecoder(limits: settings.limits)
                enqueue(handler.timeout(), on: connection, framing: .closing)
                flush(connection)
            }
        }
    }

    /// Stops accepting, closes idle connections, lets in-flight requests finish.
    private func beginDrain() {
        drainDeadline = now + settings.drainTimeout
        for listener in listeners { epoll.remove(listener.descriptor) }
        for connection in Array(connections.values) {
            if connection.isIdle {
                close(connection)
            } else if !connection.awaitingResponse && connection.decoder.isIdle {
                connection.closeAfterFlush = true
            }
        }
    }
}
