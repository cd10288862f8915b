import Protocol

/// Maps paths to endpoints. A `metrics` listener serves only `/metrics` and `/health*`.
struct Router: RequestHandler {
    let state: ServiceState

    func handle(_ request: Request, context: RequestContext, sink: ResponseSink) -> HandlerResult {
        switch request.path {
        case "/health":
            return .respond(.text(200, "OK\n"))
        case "/health/ready":
            return .respond(state.isReady ? .text(200, "ready\n") : .text(503, "not ready\n"))
        default:
            return .respond(.text(404, "not found\n"))
        }
    }

    func reject(_ error: ParseError) -> Response {
        .text(error.status, error.description + "\n")
    }

    func timeout() -> Response {
        .text(408, "request not received in time\n")
    }
}
