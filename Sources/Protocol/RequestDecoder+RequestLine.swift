extension RequestDecoder {
    /// Parses `request-line = method SP request-target SP HTTP-version`
    /// (RFC 9112 §3), with `request-target` restricted to origin-form
    /// (`absolute-path [ "?" query ]`, RFC 9112 §3.2.1) of visible ASCII and
    /// `HTTP-version = HTTP-name "/" DIGIT "." DIGIT` (RFC 9112 §2.3).
    ///
    /// `line` excludes the CRLF. Exactly one SP separates the parts.
    mutating func parseRequestLine(_ line: Range<Int>) throws(ParseError) {
        let parsed: (method: Range<Int>, target: Range<Int>, pathEnd: Int, version: HTTPVersion)
        parsed = try buffer.withUnsafeBufferPointer { bytes throws(ParseError) in
            for index in line where bytes[index] == ByteClass.cr { throw .bareCarriageReturn }
            guard let firstSpace = Self.firstSpace(bytes, line),
                  let secondSpace = Self.firstSpace(bytes, (firstSpace + 1)..<line.upperBound)
            else { throw .invalidRequestLine }

            let method = line.lowerBound..<firstSpace
            guard !method.isEmpty, method.allSatisfy({ ByteClass.isTokenChar(bytes[$0]) })
            else { throw .invalidMethod }

            let target = (firstSpace + 1)..<secondSpace
            guard !target.isEmpty, bytes[target.lowerBound] == UInt8(ascii: "/"),
                  target.allSatisfy({ ByteClass.isVisible(bytes[$0]) })
            else { throw .invalidTarget }
            let pathEnd = target.first { bytes[$0] == UInt8(ascii: "?") } ?? target.upperBound

            let version = try Self.parseVersion(bytes, (secondSpace + 1)..<line.upperBound)
            return (method, target, pathEnd, version)
        }
        let head = readIndex
        methodRange = (parsed.method.lowerBound - head)..<(parsed.method.upperBound - head)
        targetRange = (parsed.target.lowerBound - head)..<(parsed.target.upperBound - head)
        pathEnd = parsed.pathEnd - head
        version = parsed.version
        // Proxies send 10–20 fields; one allocation covers them.
        fieldRanges.reserveCapacity(32)
    }

    /// `HTTP-version = HTTP-name "/" DIGIT "." DIGIT`, `HTTP-name = %s"HTTP"`
    /// (RFC 9112 §2.3): case-sensitive, so `http/1.1` is malformed (400) while
    /// `HTTP/2.0` is well-formed but unsupported (505).
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(ParseError) -> HTTPVersion {
        guard range.count == 8 else { throw .invalidVersion }
        let base = range.lowerBound
        guard bytes[base] == UInt8(ascii: "H"), bytes[base + 1] == UInt8(ascii: "T"),
              bytes[base + 2] == UInt8(ascii: "T"), bytes[base + 3] == UInt8(ascii: "P"),
              bytes[base + 4] == UInt8(ascii: "/")
        else { throw .invalidVersion }
        let major = bytes[base + 5], dot = bytes[base + 6], minor = bytes[base + 7]
        guard isDigit(major), dot == UInt8(ascii: "."), isDigit(minor) else { throw .invalidVersion }
        switch (major - UInt8(ascii: "0"), minor - UInt8(ascii: "0")) {
        case (1, 1): return .http1_1
        case (1, 0): return .http1_0
        case let (major, minor): throw .unsupportedVersion(major: major, minor: minor)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func firstSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        range.first { bytes[$0] == ByteClass.space }
    }
}
