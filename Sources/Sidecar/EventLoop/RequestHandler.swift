import Protocol

/// What the event loop knows about the connection a request came on.
struct RequestContext: Sendable {
    /// What the listener serves.
    let role: ListenerRole
    /// Forwarded headers count only from Unix-socket peers and trusted TCP peers (SPEC §4.1).
    let trustsForwardedHeaders: Bool
    /// The peer, for brute-force limits: "unix" or an IP address.
    let peer: String
}

/// Completes a request whose answer is computed elsewhere (a provider thread).
struct ResponseSink: Sendable {
    let loop: EventLoop
    let connection: UInt64

    func complete(_ response: Response) {
        loop.post(response, to: connection)
    }
}

/// What a handler does with a request: answer now, or later through the sink.
enum HandlerResult {
    case respond(Response)
    case deferred
}

/// The application: turns decoded requests into responses. Runs on event-loop threads, so it
/// never blocks; slow work (JavaScript) is handed to other threads and answered through the sink.
protocol RequestHandler: Sendable {
    func handle(_ request: Request, context: RequestContext, sink: ResponseSink) -> HandlerResult
    /// The answer to a request that could not be decoded (400, 413, 414, 431, 501, 505).
    func reject(_ error: ParseError) -> Response
    /// The answer to a request that did not arrive in time.
    func timeout() -> Response
}
