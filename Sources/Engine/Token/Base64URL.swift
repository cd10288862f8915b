/// The base64url alphabet without padding (RFC 7515 §2, RFC 4648 §5).
///
/// Decoding is strict: `=`, bytes outside the alphabet, impossible lengths (`count % 4 == 1`) and
/// non-zero unused bits in the last character are rejected, so every byte string has exactly one
/// accepted encoding (a signature cannot be re-encoded into a second valid token).
public enum Base64URL {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Sextet value of each byte, or `0xFF` for bytes outside the alphabet.
    static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Number of bytes `count` characters decode to, or `nil` if no encoding has that length.
    @inlinable
    public static func decodedCount(_ count: Int) -> Int? {
        count % 4 == 1 ? nil : count / 4 * 3 + max(0, count % 4 - 1)
    }

    /// Encodes bytes without padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next(), b2 = iterator.next()
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            if let b1 { out.append(alphabet[Int((b1 & 0x0F) << 2 | (b2 ?? 0) >> 6)]) }
            if let b2 { out.append(alphabet[Int(b2 & 0x3F)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `text`, or returns `nil` if it is not strict unpadded base64url.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { decode($0) }
    }

    /// Decodes `input` into a new array, or returns `nil` if it is not strict unpadded base64url.
    public static func decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let count = decodedCount(input.count) else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failed = decode(input, into: UnsafeMutableRawBufferPointer(buffer)) == nil
            initialized = failed ? 0 : count
        }
        return failed ? nil : bytes
    }

    /// Decodes `input` into `output` (which must hold `decodedCount(input.count)` bytes) without
    /// allocating; returns the number of bytes written, or `nil` if `input` is not strict base64url.
    public static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard let count = decodedCount(input.count), output.count >= count else { return nil }
        return sextets.withUnsafeBufferPointer { table -> Int? in
            var read = 0, written = 0
            // Full quanta: 4 characters → 3 bytes.
            while input.count - read >= 4 {
                let s0 = table[Int(input[read])], s1 = table[Int(input[read + 1])]
                let s2 = table[Int(input[read + 2])], s3 = table[Int(input[read + 3])]
                guard (s0 | s1 | s2 | s3) & 0xC0 == 0 else { return nil }
                output[written] = s0 << 2 | s1 >> 4
                output[written + 1] = s1 << 4 | s2 >> 2
                output[written + 2] = s2 << 6 | s3
                read += 4; written += 3
            }
            // Tail of 2 or 3 characters; the unused low bits must be zero (RFC 4648 §3.5).
            switch input.count - read {
            case 2:
                let s0 = table[Int(input[read])], s1 = table[Int(input[read + 1])]
                guard (s0 | s1) & 0xC0 == 0, s1 & 0x0F == 0 else { return nil }
                output[written] = s0 << 2 | s1 >> 4
                written += 1
            case 3:
                let s0 = table[Int(input[read])], s1 = table[Int(input[read + 1])], s2 = table[Int(input[read + 2])]
                guard (s0 | s1 | s2) & 0xC0 == 0, s2 & 0x03 == 0 else { return nil }
                output[written] = s0 << 2 | s1 >> 4
                output[written + 1] = s1 << 4 | s2 >> 2
                written += 2
            default:
                break
            }
            return written
        }
    }
}
