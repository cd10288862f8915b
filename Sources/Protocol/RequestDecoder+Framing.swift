extension RequestDecoder {
    /// Ends the head at `end` (just past the empty line): stores it once, checks
    /// `Host`, decides keep-alive and how the body is framed (RFC 9112 §6.3).
    ///
    /// Returns the request at once when it has no body.
    mutating func finishHead(end: Int) throws(ParseError) -> Request? {
        let head = Headers(bytes: Array(buffer[readIndex..<end]), fields: fieldRanges)
        fieldRanges = []
        readIndex = end
        headers = head

        let hosts = head.count(of: .host)
        if hosts > 1 { throw .duplicateHost }
        if hosts == 0 && version == .http1_1 { throw .missingHost }

        keepAlive = Self.keepAlive(head, version: version)

        let lengths = head.count(of: .contentLength)
        let encodings = head.count(of: .transferEncoding)
        if lengths > 0 && encodings > 0 { throw .contentLengthWithTransferEncoding }
        if encodings > 0 {
            guard version == .http1_1 else { throw .invalidTransferEncoding }
            try Self.checkChunkedOnly(head)
            phase = .chunkSizeLine
            return nil
        }
        if lengths > 1 { throw .duplicateContentLength }
        let length = lengths == 1 ? try Self.contentLength(head, limit: limits.bodyLength) : 0
        guard length > 0 else { return finishRequest() }
        remaining = length
        body.reserveCapacity(length)
        phase = .fixedBody
        return nil
    }

    /// `Content-Length = 1*DIGIT` (RFC 9110 §8.6); no sign, no list, no
    /// spaces inside. Leading zeros are allowed. Larger than `limit` → 413.
    static func contentLength(_ head: Headers, limit: Int) throws(ParseError) -> Int {
        var result: Result<Int, ParseError> = .failure(.invalidContentLength)
        head.forEachValue(.contentLength) { bytes, range in
            guard !range.isEmpty else { return }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return }
                // Saturate just past the limit: the digits are still all checked.
                value = min(value * 10 + Int(byte - UInt8(ascii: "0")), limit + 1)
            }
            result = value > limit ? .failure(.bodyTooLarge) : .success(value)
        }
        return try result.get()
    }

    /// Accepts exactly the transfer coding `chunked` (RFC 9112 §7), possibly
    /// spread over several field lines; empty list elements are ignored
    /// (RFC 9110 §5.6.1). Any other coding → 501; `chunked` twice, or no
    /// coding at all → 400.
    static func checkChunkedOnly(_ head: Headers) throws(ParseError) {
        var chunked = 0
        var unsupported = false
        var malformed = false
        head.forEachValue(.transferEncoding) { bytes, range in
            forEachListElement(bytes, range) { element in
                if equalsIgnoringCase(bytes, element, "chunked") {
                    chunked += 1
                } else if ByteClass.isTokenChar(bytes[element.lowerBound]) {
                    unsupported = true
                } else {
                    malformed = true
                }
            }
        }
        if unsupported { throw .unsupportedTransferCoding }
        if malformed || chunked != 1 { throw .invalidTransferEncoding }
    }

    /// RFC 9112 §9.3: HTTP/1.1 stays open unless `Connection` lists `close`;
    /// HTTP/1.0 only when it lists `keep-alive` (and not `close`). Options are
    /// case-insensitive tokens in a comma list, over any number of field lines.
    static func keepAlive(_ head: Headers, version: HTTPVersion) -> Bool {
        var close = false
        var keepAlive = false
        head.forEachValue(.connection) { bytes, range in
            forEachListElement(bytes, range) { element in
                if equalsIgnoringCase(bytes, element, "close") { close = true }
                if equalsIgnoringCase(bytes, element, "keep-alive") { keepAlive = true }
            }
        }
        if close { return false }
        return version == .http1_1 || keepAlive
    }

    /// Calls `body` with each non-empty, OWS-trimmed element of `#element`
    /// (RFC 9110 §5.6.1).
    static func forEachListElement(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void
    ) {
        var start = range.lowerBound
        while start <= range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: ",") { end += 1 }
            var low = start, high = end
            while low < high, ByteClass.isWhitespace(bytes[low]) { low += 1 }
            while high > low, ByteClass.isWhitespace(bytes[high - 1]) { high -= 1 }
            if low < high { body(low..<high) }
            start = end + 1
        }
    }

    /// Whether `bytes[range]` equals the lowercase ASCII `word`, ignoring case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let start = word.utf8Start
        for (offset, index) in range.enumerated() where ByteClass.lowercased(bytes[index]) != start[offset] {
            return false
        }
        return true
    }
}
