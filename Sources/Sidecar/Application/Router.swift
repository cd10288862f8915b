import Engine
import Protocol

/// Maps paths to endpoints. A `metrics` listener serves only `/metrics` and `/health*`.
struct Router: RequestHandler {
    let state: ServiceState
    let store: ConfigurationStore
    let checks: CheckEndpoint
    let metrics: InterceptorMetrics

    func handle(_ request: Request, context: RequestContext, sink: ResponseSink) -> HandlerResult {
        let path = request.path
        switch path {
        case "/health":
            return .respond(.text(200, "OK\n"))
        case "/health/ready":
            return .respond(state.isReady ? .text(200, "ready\n") : .text(503, "not ready\n"))
        case "/metrics":
            // Text format 0.0.4 whatever the Accept header (fix: Uitsmijter answers 406).
            return .respond(Response(status: 200, headers: [("Content-Type", MetricsRegistry.contentType),
                                                            ("Cache-Control", "no-store")],
                                     body: Array(metrics.render().utf8)))
        default:
            break
        }
        guard context.role == .all else { return .respond(.text(404, "not found\n")) }
        switch path {
        case "/auth_request":
            return checks.handle(request, context: context, writer: .authRequest, sink: sink)
        case "/interceptor":
            let redirect = request.query.map { PercentEncoding.pairs($0).contains { $0 == ("refresh", "redirect") } } ?? false
            return checks.handle(request, context: context, writer: .interceptor(refreshRedirect: redirect), sink: sink)
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
