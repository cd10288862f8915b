/// Writes a `Response` as HTTP/1.1 bytes (RFC 9112 §4, §5, §6).
///
/// Appends to a caller-owned buffer so one buffer per connection is reused.
/// Always writes `Content-Length` (except for 204, RFC 9110 §8.6), never
/// `Transfer-Encoding`. Refuses header names that are not tokens and values
/// with CR, LF, NUL or other controls but HTAB: such bytes would let a value
/// (say, a redirect target) inject header lines.
public enum ResponseEncoder {
    /// Appends the encoded response to `buffer`; on error `buffer` is unchanged.
    public static func encode(_ response: Response, into buffer: inout [UInt8]) throws(EncodeError) {
        try validate(response)
        var length = 32 + response.body.count
        for (name, value) in response.headers { length += name.utf8.count + value.utf8.count + 4 }
        buffer.reserveCapacity(buffer.count + length)

        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status, to: &buffer)
        buffer.append(ByteClass.space)
        buffer.append(contentsOf: Response.reasonPhrase(for: response.status).utf8)
        buffer.append(contentsOf: crlf)
        for (name, value) in response.headers {
            buffer.append(contentsOf: name.utf8)
            buffer.append(contentsOf: ": ".utf8)
            buffer.append(contentsOf: value.utf8)
            buffer.append(contentsOf: crlf)
        }
        if response.status != 204 {
            buffer.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        buffer.append(contentsOf: crlf)
        buffer.append(contentsOf: response.body)
    }

    /// The encoded response as a new array.
    public static func encode(_ response: Response) throws(EncodeError) -> [UInt8] {
        var buffer: [UInt8] = []
        try encode(response, into: &buffer)
        return buffer
    }

    private static let crlf: (UInt8, UInt8) = (ByteClass.cr, ByteClass.lf)

    private static func validate(_ response: Response) throws(EncodeError) {
        guard (200...599).contains(response.status) else { throw .invalidStatus(response.status) }
        if response.status == 204 && !response.body.isEmpty { throw .bodyNotAllowed }
        for (index, header) in response.headers.enumerated() {
            guard !header.name.utf8.isEmpty, allBytes(of: header.name, satisfy: ByteClass.isTokenChar)
            else { throw .invalidHeaderName(index: index) }
            guard isFieldValue(header.value) else { throw .invalidHeaderValue(index: index) }
            if HeaderName.contentLength.matches(header.name) || HeaderName.transferEncoding.matches(header.name) {
                throw .framingHeader(index: index)
            }
        }
    }

    /// `ByteClass.isFieldValueChar` for every byte, eight at a time: values carry tokens of
    /// half a kilobyte on every auth answer.
    private static func isFieldValue(_ string: String) -> Bool {
        // withUTF8 lends small strings from the stack; the contiguous-storage view would copy them.
        var string = string
        return string.withUTF8 { ByteScan.allFieldValueBytes($0, from: 0, to: $0.count) }
    }

    /// Checks the UTF-8 of `string` in place when it is contiguous (native strings are).
    @inline(__always)
    private static func allBytes(of string: String, satisfy predicate: (UInt8) -> Bool) -> Bool {
        var string = string
        return string.withUTF8 { $0.allSatisfy(predicate) }
    }

    /// Appends a non-negative integer in decimal, without `String` formatting.
    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = UInt(max(value, 0))
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            buffer.append(contentsOf: storage[(20 - count)...])
        }
    }
}

private extension Array where Element == UInt8 {
    mutating func append(contentsOf pair: (UInt8, UInt8)) {
        append(pair.0)
        append(pair.1)
    }
}
