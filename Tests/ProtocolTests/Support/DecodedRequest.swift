@testable import Protocol

/// Everything observable about a decoded request, as a comparable value.
struct DecodedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: [Field]
    var body: [UInt8]
    var keepAlive: Bool

    struct Field: Equatable {
        var name: String
        var value: [UInt8]
    }

    init(_ request: Request) {
        method = request.method
        target = request.target
        path = request.path
        query = request.query
        version = request.version
        headers = request.headers.fields.map {
            Field(name: String(decoding: request.headers.bytes[$0.name], as: UTF8.self),
                  value: Array(request.headers.bytes[$0.value]))
        }
        body = request.body
        keepAlive = request.keepAlive
    }

    init(method: String = "GET", target: String = "/", version: HTTPVersion = .http1_1,
         headers: [(String, String)] = [("Host", "a")], body: String = "", keepAlive: Bool = true) {
        self.method = method
        self.target = target
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        query = parts.count > 1 ? String(parts[1]) : nil
        self.version = version
        self.headers = headers.map { Field(name: $0.0, value: Array($0.1.utf8)) }
        self.body = Array(body.utf8)
        self.keepAlive = keepAlive
    }

    var description: String {
        let fields = headers.map { "\($0.name): \(String(decoding: $0.value, as: UTF8.self))" }
        return "\(method) \(target) \(version) \(fields) body=\(body.count) keepAlive=\(keepAlive)"
    }
}

/// What a whole input decodes to: the requests in order, then an error or nothing.
struct DecodeOutcome: Equatable, CustomStringConvertible {
    var requests: [DecodedRequest]
    var error: ParseError?

    var description: String { "\(requests) error=\(error.map { "\($0)" } ?? "none")" }
}
