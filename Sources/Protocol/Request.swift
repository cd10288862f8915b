/// A decoded request: head fields as views over the head's bytes, plus the body.
public struct Request: Sendable {
    /// The version from the request line.
    public let version: HTTPVersion
    /// The header fields (trailer fields of a chunked body are not included).
    public let headers: Headers
    /// The body, after chunked decoding; empty when the request has none.
    public let body: [UInt8]
    /// Whether the connection stays open after the response (RFC 9112 §9.3):
    /// HTTP/1.1 unless `Connection` lists `close`; HTTP/1.0 only when it lists
    /// `keep-alive` and not `close`.
    public let keepAlive: Bool

    let methodRange: Range<Int>
    let targetRange: Range<Int>
    /// End of the path within the target: the first `?`, or the target's end.
    let pathEnd: Int

    /// The method, case-sensitive as sent (RFC 9110 §9.1), e.g. `GET`.
    public var method: String { string(methodRange) }

    /// The request target in origin-form: path and optional query.
    public var target: String { string(targetRange) }

    /// The path: the target up to the first `?`.
    public var path: String { string(targetRange.lowerBound..<pathEnd) }

    /// The query after the first `?`, or nil when the target has no `?`.
    public var query: String? {
        pathEnd < targetRange.upperBound ? string((pathEnd + 1)..<targetRange.upperBound) : nil
    }

    /// The method's bytes, for comparisons without a `String`.
    public var methodBytes: ArraySlice<UInt8> { headers.bytes[methodRange] }

    /// The target's bytes, for parsing without a `String`.
    public var targetBytes: ArraySlice<UInt8> { headers.bytes[targetRange] }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: headers.bytes[range], as: UTF8.self)
    }
}
