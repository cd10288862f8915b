import Engine
import Protocol

/// Maps a proxy-neutral `Decision` to the answer one endpoint owes its proxy. Auth answers
/// have no body, so nginx can reuse the upstream connection, and are never cached.
enum CheckWriter {
    /// `/interceptor` (Traefik, Caddy): 200, or a redirect to the login page.
    case interceptor(refreshRedirect: Bool)
    /// `/auth_request` (nginx): 200, or 401 with the login URL in `Location`.
    case authRequest

    /// The `endpoint` label of `interceptor_request_duration_seconds`.
    var endpoint: InterceptorMetrics.Endpoint {
        switch self {
        case .interceptor: .interceptor
        case .authRequest: .authRequest
        }
    }

    func write(_ decision: Decision) -> Response {
        var response = Response(status: 200, headers: [("Cache-Control", "no-store")])
        switch decision {
        case .allow(let grant):
            if case .interceptor(true) = self, let cookie = grant.setCookie, grant.original.isSafeMethod {
                // Proxies that drop Set-Cookie on 2xx: send the browser back to where it was going.
                response.status = 302
                response.append(.location, grant.original.url)
                response.append(.setCookie, cookie)
                return response
            }
            response.append(.authorization, "Bearer " + grant.token)
            if let user = grant.user, Self.isSafeHeaderValue(user) { response.append(.remoteUser, user) }
            if let cookie = grant.setCookie { response.append(.setCookie, cookie) }
        case .login(let challenge):
            if challenge.interactive {
                switch self {
                case .interceptor: response.status = challenge.original.isSafeMethod ? 302 : 303
                case .authRequest: response.status = 401
                }
                response.append(.location, challenge.location)
            } else {
                response.status = 401
            }
            if let cookie = challenge.clearCookie { response.append(.setCookie, cookie) }
        case .deny:
            response.status = 403
        case .validate:
            // Callers resolve validation first; answering it directly fails closed.
            response.status = 503
        }
        return response
    }

    /// Visible characters only: a user name never breaks a header.
    static func isSafeHeaderValue(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 1024 && value.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7f }
    }
}
