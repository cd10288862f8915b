import Protocol

/// What the request asked of its answer's framing.
struct ResponseFraming {
    /// Keep the connection open afterwards.
    var keepAlive: Bool
    /// HTTP/1.0 keep-alive must be confirmed with `Connection: keep-alive`.
    var http10: Bool
    /// `HEAD`: the same head, no body.
    var head: Bool

    init(_ request: Request) {
        keepAlive = request.keepAlive
        http10 = request.version == .http1_0
        head = request.method == "HEAD"
    }

    init(keepAlive: Bool, http10: Bool, head: Bool) {
        self.keepAlive = keepAlive
        self.http10 = http10
        self.head = head
    }

    /// Error answers: close afterwards.
    static let closing = ResponseFraming(keepAlive: false, http10: false, head: false)
}
