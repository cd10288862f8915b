import Engine
import Protocol

/// Maps paths to endpoints. A `metrics` listener serves only `/metrics` and `/health*`.
struct Router: RequestHandler {
    /// Serving starts only once tenants are loaded, so readiness is "not draining".
    let loops: LoopGroupState
    let store: ConfigurationStore
    let checks: CheckEndpoint
    let logins: LoginEndpoint
    let metrics: InterceptorMetrics

    func handle(_ request: Request, context: RequestContext, sink: ResponseSink) -> HandlerResult {
        let path = request.path
        switch path {
        case "/health":
            return .respond(.text(200, "OK\n"))
        case "/health/ready":
            return .respond(loops.draining.load(ordering: .relaxed) ? .text(503, "not ready\n") : .text(200, "ready\n"))
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
        case "/login":
            switch request.method {
            case "GET", "HEAD": return .respond(logins.show(request, context: context))
            case "POST": return logins.submit(request, context: context, sink: sink)
            default: return .respond(.methodNotAllowed("GET, HEAD, POST"))
            }
        case "/logout":
            switch request.method {
            case "GET", "HEAD": return .respond(logins.confirm(request))
            case "POST": return .respond(logins.finish(request, context: context))
            default: return .respond(.methodNotAllowed("GET, HEAD, POST"))
            }
        case "/logout/finalize":
            guard request.method == "GET" || request.method == "HEAD" else { return .respond(.methodNotAllowed("GET, HEAD")) }
            return .respond(logins.finish(request, context: context))
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
