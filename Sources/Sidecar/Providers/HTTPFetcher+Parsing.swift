/// An `http://` URL split for a request: host, port, origin-form target.
struct HTTPTarget: Equatable {
    let host: String
    let port: UInt16
    /// `/path?query`, fragment dropped. Default: "/".
    let target: String
    /// `Host` header value.
    let hostHeader: String

    /// Parses `http://host[:port][/path][?query][#fragment]`; nil for anything
    /// else (other schemes, userinfo, spaces or control characters, bad ports).
    init?(_ url: String) {
        let bytes = Array(url.utf8)
        let scheme = Array("http://".utf8)
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 | 0x20 || $0 == $1 }),
              !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7f }) else { return nil }
        let rest = bytes[scheme.count...]
        let authorityEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")), !authority.contains(UInt8(ascii: "\\")) else { return nil }
        var hostBytes = authority
        var portBytes: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostBytes = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if let colon = after.first {
                guard colon == UInt8(ascii: ":") else { return nil }
                portBytes = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            hostBytes = authority[..<colon]
            portBytes = authority[authority.index(after: colon)...]
        }
        guard !hostBytes.isEmpty else { return nil }
        var port: UInt16 = 80
        if !portBytes.isEmpty {
            guard portBytes.count <= 5, portBytes.allSatisfy({ (0x30...0x39).contains($0) }),
                  let value = UInt16(String(decoding: portBytes, as: UTF8.self)), value > 0 else { return nil }
            port = value
        }
        var target = rest[authorityEnd...]
        if let hash = target.firstIndex(of: UInt8(ascii: "#")) { target = target[..<hash] }
        self.host = String(decoding: hostBytes, as: UTF8.self)
        self.port = port
        self.target = target.isEmpty ? "/" : (target.first == UInt8(ascii: "?") ? "/" : "") + String(decoding: target, as: UTF8.self)
        self.hostHeader = String(decoding: authority, as: UTF8.self)
    }
}

/// Incremental parse of an HTTP/1.x response: status and body.
enum HTTPResponseParse: Equatable {
    case needMore
    case complete(status: Int, body: [UInt8])
    case invalid(String)

    /// Parses `bytes`; `ended` when the peer closed the connection.
    static func parse(_ bytes: [UInt8], ended: Bool) -> HTTPResponseParse {
        guard let headEnd = find([13, 10, 13, 10], in: bytes[...]) else {
            return ended ? .invalid("the response ended inside its head") : .needMore
        }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), statusLine[1].count == 3,
              let status = Int(statusLine[1]), (100...599).contains(status) else {
            return .invalid("the response has no valid status line")
        }
        var contentLength: Int?
        var chunked = false
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .invalid("the response has a malformed header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if name == "content-length" {
                guard let length = Int(value), length >= 0 else { return .invalid("the response has a bad Content-Length") }
                contentLength = length
            } else if name == "transfer-encoding" {
                chunked = value.lowercased().hasSuffix("chunked")
            }
        }
        let body = bytes[(headEnd + 4)...]
        if status < 200 { return .invalid("interim (1xx) responses are not supported") }
        if status == 204 || status == 304 { return .complete(status: status, body: []) }
        if chunked { return dechunk(body, status: status, ended: ended) }
        if let contentLength {
            if body.count >= contentLength { return .complete(status: status, body: Array(body.prefix(contentLength))) }
            return ended ? .invalid("the response body is shorter than its Content-Length") : .needMore
        }
        return ended ? .complete(status: status, body: Array(body)) : .needMore
    }

    /// RFC 9112 §7.1: chunk-size [ext] CRLF data CRLF … 0 CRLF [trailers] CRLF.
    private static func dechunk(_ bytes: ArraySlice<UInt8>, status: Int, ended: Bool) -> HTTPResponseParse {
        var body: [UInt8] = []
        var index = bytes.startIndex
        while true {
            guard let lineEnd = find([13, 10], in: bytes[index...]) else {
                return ended ? .invalid("the chunked body ended early") : .needMore
            }
            let sizeField = bytes[index..<lineEnd].prefix { $0 != UInt8(ascii: ";") }
            guard !sizeField.isEmpty, sizeField.count <= 8,
                  let size = Int(String(decoding: sizeField, as: UTF8.self).trimmingSpaces(), radix: 16) else {
                return .invalid("the chunked body has a bad chunk size")
            }
            index = lineEnd + 2
            if size == 0 {
                // Trailers are ignored; the body is complete.
                return .complete(status: status, body: body)
            }
            guard bytes.endIndex - index >= size + 2 else { return ended ? .invalid("the chunked body ended early") : .needMore }
            body.append(contentsOf: bytes[index..<(index + size)])
            index += size
            guard bytes[index] == 13, bytes[index + 1] == 10 else { return .invalid("a chunk is not followed by CRLF") }
            index += 2
        }
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        var text = String(String.UnicodeScalarView(scalars))
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
