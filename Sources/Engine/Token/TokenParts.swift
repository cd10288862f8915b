/// The three segments of a compact JWS (RFC 7515 §7.1), borrowed from the token bytes.
struct TokenParts {
    let header: UnsafeRawBufferPointer
    let payload: UnsafeRawBufferPointer
    let signature: UnsafeRawBufferPointer
    /// `header.payload`: the bytes the signature covers (RFC 7515 §5.1).
    let signingInput: UnsafeRawBufferPointer

    /// Splits `token` at its two dots; throws `.malformed` unless there are exactly three
    /// non-empty segments of base64url characters with possible lengths (no `=`).
    init(_ token: UnsafeRawBufferPointer) throws(TokenError) {
        var dots = (0, 0), count = 0
        let valid = Base64URL.sextets.withUnsafeBufferPointer { table in
            var position = 0
            while position < token.count {
                let byte = token[position]
                if table[Int(byte)] == 0xFF {
                    guard byte == UInt8(ascii: "."), count < 2 else { return false }
                    if count == 0 { dots.0 = position } else { dots.1 = position }
                    count += 1
                }
                position += 1
            }
            return count == 2
        }
        guard valid else { throw .malformed }
        header = UnsafeRawBufferPointer(rebasing: token[..<dots.0])
        payload = UnsafeRawBufferPointer(rebasing: token[(dots.0 + 1)..<dots.1])
        signature = UnsafeRawBufferPointer(rebasing: token[(dots.1 + 1)...])
        signingInput = UnsafeRawBufferPointer(rebasing: token[..<dots.1])
        guard Self.isPossible(header.count), Self.isPossible(payload.count), Self.isPossible(signature.count) else {
            throw .malformed
        }
    }

    /// Whether a segment of `count` characters can be unpadded base64url of at least one byte.
    private static func isPossible(_ count: Int) -> Bool {
        count > 0 && Base64URL.decodedCount(count) != nil
    }
}
