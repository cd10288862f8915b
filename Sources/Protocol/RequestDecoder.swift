/// Incremental decoder of a strict HTTP/1.1 request subset (RFC 9112).
///
/// Feed bytes with `append`, then call `next()` until it returns nil (need more
/// bytes). The result is the same for any split of the input, pipelined requests
/// come out one by one in order, and the decoder stays failed after an error.
/// Each byte is examined once: a partial line is not rescanned when more bytes
/// arrive, so feeding a head byte by byte stays linear. Limits (`DecoderLimits`)
/// are checked on partial lines too.
///
/// Accepted: `method SP origin-form SP HTTP/1.1` (or `HTTP/1.0`) CRLF, field
/// lines `token ":" OWS value OWS` CRLF, an empty line, then a body framed by
/// one `Content-Length` or by `Transfer-Encoding: chunked`.
public struct RequestDecoder: Sendable {
    /// What the decoder is waiting for.
    enum Phase: Sendable {
        case requestLine
        case fieldLines
        case fixedBody
        case chunkSizeLine
        case chunkData
        case chunkDataEnd
        case trailerLines
    }

    /// The limits in force.
    public let limits: DecoderLimits

    var buffer: [UInt8] = []
    /// First byte not yet consumed; during the head, the head's first byte.
    var readIndex = 0
    /// First byte of the line being scanned (absolute).
    var lineStart = 0
    /// Next byte to examine for LF (absolute); bytes before it hold no LF.
    var scanIndex = 0
    var phase = Phase.requestLine
    var failure: ParseError?

    // The request being decoded. Ranges are relative to the head's first byte.
    var methodRange = 0..<0
    var targetRange = 0..<0
    var pathEnd = 0
    var version = HTTPVersion.http1_1
    var fieldRanges: [Headers.FieldRange] = []
    var headerBytes = 0
    var fieldCount = 0
    var headers: Headers?
    var keepAlive = true
    var body: [UInt8] = []
    /// Bytes left in the fixed-length body or the current chunk.
    var remaining = 0

    /// Creates a decoder. Default limits: see `DecoderLimits.default`.
    public init(limits: DecoderLimits = .default) {
        self.limits = limits
    }

    /// Adds bytes received from the peer; ignored once the decoder has failed.
    public mutating func append(_ bytes: [UInt8]) {
        guard prepareForAppend() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the peer; ignored once the decoder has failed.
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard prepareForAppend() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the peer; ignored once the decoder has failed.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard prepareForAppend() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// True between requests with no byte of the next one buffered: the
    /// connection is idle (for idle versus header timeouts).
    public var isIdle: Bool {
        phase == .requestLine && readIndex == buffer.count
    }

    /// The next complete request, or nil when more bytes are needed.
    ///
    /// Throws the same error again on every later call once one was thrown.
    public mutating func next() throws(ParseError) -> Request? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            buffer = []
            throw error
        }
    }

    private mutating func step() throws(ParseError) -> Request? {
        compactIfWorthwhile()
        while true {
            switch phase {
            case .requestLine, .fieldLines, .chunkSizeLine, .trailerLines:
                guard let lineFeed = findLineFeed() else {
                    try checkPartialLine()
                    return nil
                }
                if let request = try completeLine(endingAt: lineFeed) { return request }
            case .fixedBody:
                guard readBody() else { return nil }
                return finishRequest()
            case .chunkData:
                guard readBody() else { return nil }
                phase = .chunkDataEnd
            case .chunkDataEnd:
                guard try readChunkTerminator() else { return nil }
            }
        }
    }

    /// Dispatches a complete line (LF at `lineFeed`) to the phase's parser.
    private mutating func completeLine(endingAt lineFeed: Int) throws(ParseError) -> Request? {
        let start = lineStart
        let hasCR = lineFeed > start && buffer[lineFeed - 1] == ByteClass.cr
        let end = hasCR ? lineFeed - 1 : lineFeed
        lineStart = lineFeed + 1
        scanIndex = lineFeed + 1
        switch phase {
        case .requestLine:
            guard end - start <= limits.requestLineLength else { throw .requestLineTooLong }
            guard hasCR else { throw .bareLineFeed }
            try parseRequestLine(start..<end)
            phase = .fieldLines
            return nil
        case .fieldLines, .trailerLines:
            headerBytes += lineFeed + 1 - start
            guard headerBytes <= limits.headerBlockLength else { throw .headerBlockTooLarge }
            guard hasCR else { throw .bareLineFeed }
            if start == end {
                return try phase == .fieldLines ? finishHead(end: lineFeed + 1) : finishRequest()
            }
            fieldCount += 1
            guard fieldCount <= limits.fieldCount else { throw .tooManyFields }
            let field = try parseFieldLine(start..<end)
            if phase == .fieldLines {
                fieldRanges.append(Headers.FieldRange(
                    name: (field.name.lowerBound - readIndex)..<(field.name.upperBound - readIndex),
                    value: (field.value.lowerBound - readIndex)..<(field.value.upperBound - readIndex)))
            } else {
                readIndex = lineStart
            }
            return nil
        case .chunkSizeLine:
            guard end - start <= limits.chunkLineLength else { throw .chunkLineTooLong }
            guard hasCR else { throw .bareLineFeed }
            let size = try parseChunkSizeLine(start..<end)
            readIndex = lineStart
            if size == 0 {
                phase = .trailerLines
            } else {
                guard size <= UInt64(limits.bodyLength - body.count) else { throw .bodyTooLarge }
                remaining = Int(size)
                phase = .chunkData
            }
            return nil
        case .fixedBody, .chunkData, .chunkDataEnd:
            return nil
        }
    }

    /// Fails early when the incomplete line is already over its limit.
    ///
    /// Counts exactly what `completeLine` will count, minus a trailing CR that
    /// may turn out to end the line, so early and late checks agree.
    private func checkPartialLine() throws(ParseError) {
        let available = buffer.count - lineStart
        guard available > 0 else { return }
        let content = buffer[buffer.count - 1] == ByteClass.cr ? available - 1 : available
        switch phase {
        case .requestLine:
            if content > limits.requestLineLength { throw .requestLineTooLong }
        case .fieldLines, .trailerLines:
            if headerBytes + available > limits.headerBlockLength { throw .headerBlockTooLarge }
        case .chunkSizeLine:
            if content > limits.chunkLineLength { throw .chunkLineTooLong }
        case .fixedBody, .chunkData, .chunkDataEnd:
            break
        }
    }

    /// Index of the next LF at or after `scanIndex`, remembering how far it looked.
    private mutating func findLineFeed() -> Int? {
        let start = scanIndex
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            ByteScan.firstIndex(of: ByteClass.lf, in: bytes, from: start, to: bytes.count)
        }
        scanIndex = found ?? buffer.count
        return found
    }

    /// Moves body bytes into `body`; true once `remaining` reached zero.
    private mutating func readBody() -> Bool {
        let count = min(remaining, buffer.count - readIndex)
        if count > 0 {
            body.append(contentsOf: buffer[readIndex..<(readIndex + count)])
            readIndex += count
            remaining -= count
        }
        lineStart = readIndex
        scanIndex = readIndex
        return remaining == 0
    }

    /// Consumes the CRLF after chunk data (RFC 9112 §7.1); true once consumed.
    private mutating func readChunkTerminator() throws(ParseError) -> Bool {
        let available = buffer.count - readIndex
        guard available > 0 else { return false }
        guard buffer[readIndex] == ByteClass.cr else { throw .invalidChunkTerminator }
        guard available > 1 else { return false }
        guard buffer[readIndex + 1] == ByteClass.lf else { throw .invalidChunkTerminator }
        readIndex += 2
        lineStart = readIndex
        scanIndex = readIndex
        phase = .chunkSizeLine
        return true
    }

    /// Hands out the finished request and resets for the next one.
    mutating func finishRequest() -> Request? {
        readIndex = lineStart
        guard let headers else { return nil }
        let request = Request(
            version: version, headers: headers, body: body, keepAlive: keepAlive,
            methodRange: methodRange, targetRange: targetRange, pathEnd: pathEnd)
        self.headers = nil
        body = []
        fieldRanges = []
        headerBytes = 0
        fieldCount = 0
        remaining = 0
        phase = .requestLine
        return request
    }

    /// Whether appended bytes are kept; reclaims the buffer when all is consumed.
    private mutating func prepareForAppend() -> Bool {
        guard failure == nil else { return false }
        if readIndex == buffer.count && readIndex > 0 {
            shift(by: readIndex)
        }
        return true
    }

    /// Drops consumed bytes once they are at least half the buffer and worth
    /// moving, so the copying stays amortised linear.
    private mutating func compactIfWorthwhile() {
        guard readIndex >= 4096, readIndex * 2 >= buffer.count else { return }
        shift(by: readIndex)
    }

    private mutating func shift(by count: Int) {
        if count == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeFirst(count)
        }
        readIndex -= count
        lineStart -= count
        scanIndex -= count
    }
}
