import Protocol

extension Response {
    /// A small plain-text answer (health, errors); auth answers carry no body.
    static func text(_ status: Int, _ body: String) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8"),
                                           ("Cache-Control", "no-store")],
                 body: Array(body.utf8))
    }

    static func methodNotAllowed(_ allowed: String) -> Response {
        var response = Response.text(405, "method not allowed\n")
        response.append("Allow", allowed)
        return response
    }

    /// Sent when a handler's own response cannot be encoded: fail closed.
    static let internalError = Response.text(500, "internal error\n")
}
