/// Why a `Response` could not be encoded. Nothing is written when encoding fails.
public enum EncodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status is outside 200–599.
    case invalidStatus(Int)
    /// A header name is empty or not a token; the index is its position in `headers`.
    case invalidHeaderName(index: Int)
    /// A header value contains CR, LF, NUL, another control character or DEL.
    case invalidHeaderValue(index: Int)
    /// `Content-Length` or `Transfer-Encoding` was given; the encoder writes the framing.
    case framingHeader(index: Int)
    /// A 204 response with a body.
    case bodyNotAllowed

    /// One sentence naming the problem, without header values (they may hold tokens).
    public var description: String {
        switch self {
        case let .invalidStatus(status): "The status \"\(status)\" is not between 200 and 599."
        case let .invalidHeaderName(index): "The name of header \(index) is not a token."
        case let .invalidHeaderValue(index): "The value of header \(index) contains a control character."
        case let .framingHeader(index): "Header \(index) sets message framing, which the encoder writes itself."
        case .bodyNotAllowed: "A 204 response cannot have a body."
        }
    }
}
