/// A response to encode: status, header fields in order, and a body.
///
/// `Content-Length` is written by `ResponseEncoder` from the body and must not
/// be among `headers`; the reason phrase comes from `Response.reasonPhrase(for:)`.
public struct Response: Sendable {
    /// The status code, 200–599.
    public var status: Int
    /// Header fields in the order they are written; names must be tokens and
    /// values must not contain control characters other than HTAB.
    public var headers: [(name: String, value: String)]
    /// The body; empty for auth responses so proxies can reuse the connection.
    public var body: [UInt8]

    /// Creates a response. Default: no headers, empty body.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Appends a header field with a typed name.
    public mutating func append(_ name: HeaderName, _ value: String) {
        headers.append((name.description, value))
    }

    /// Appends a header field; the encoder checks the name.
    public mutating func append(_ name: String, _ value: String) {
        headers.append((name, value))
    }
}
