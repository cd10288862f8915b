import CCrypto

/// The one place that touches OpenSSL's libcrypto: HMAC-SHA256, digests,
/// constant-time comparison and random bytes.
public enum Crypto {
    /// HMAC-SHA256 of `message` under `key` (RFC 2104, RFC 4231): 32 bytes, or an empty array if
    /// OpenSSL fails, so a failure can never compare equal to a real 32-byte MAC (fails closed).
    public static func hmacSHA256(key: some ContiguousBytes, message: some ContiguousBytes) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        var succeeded = false
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                output.withUnsafeMutableBufferPointer { out in
                    // An empty buffer may have a nil base address; OpenSSL wants a pointer.
                    withUnsafePointer(to: 0 as UInt8) { empty in
                        succeeded = HMAC(EVP_sha256(),
                                 keyBytes.baseAddress ?? UnsafeRawPointer(empty), Int32(keyBytes.count),
                                 messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty,
                                 messageBytes.count, out.baseAddress, &length) != nil
                    }
                }
            }
        }
        return succeeded && length == 32 ? output : []
    }

    /// Compares two byte sequences in time that depends only on their lengths.
    public static func constantTimeEqual(_ a: some ContiguousBytes, _ b: some ContiguousBytes) -> Bool {
        a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                guard left.count == right.count else { return false }
                guard let l = left.baseAddress, let r = right.baseAddress else { return left.count == 0 }
                return CRYPTO_memcmp(l, r, left.count) == 0
            }
        }
    }

    /// `count` bytes from OpenSSL's CSPRNG; `nil` only when the generator fails.
    public static func randomBytes(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        return ok == 1 ? bytes : nil
    }

    /// Lowercase hex SHA-1 (token `responsibility`).
    public static func sha1Hex(_ text: String) -> String { digestHex(text, EVP_sha1()) }
    /// Lowercase hex SHA-256 (provider global `sha256`).
    public static func sha256Hex(_ text: String) -> String { digestHex(text, EVP_sha256()) }
    /// Lowercase hex MD5 (provider global `md5`; not for security).
    public static func md5Hex(_ text: String) -> String { digestHex(text, EVP_md5()) }

    private static func digestHex(_ text: String, _ type: OpaquePointer?) -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                withUnsafePointer(to: 0 as UInt8) { empty in
                    _ = EVP_Digest(input.baseAddress ?? empty, input.count, out.baseAddress, &length, type, nil)
                }
            }
        }
        return hex(output.prefix(Int(length)))
    }

    /// Lowercase hex of bytes.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Byte containers that can lend their storage (Array, ArraySlice, String's UTF-8 via Array).
public protocol ContiguousBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}
extension Array: ContiguousBytes where Element == UInt8 {}
extension ArraySlice: ContiguousBytes where Element == UInt8 {}
extension UnsafeRawBufferPointer: ContiguousBytes {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(self) }
}

/// An HMAC-SHA256 key prepared once (its inner and outer hash states), so each MAC costs two
/// hash runs and no allocation. Immutable after `init`, so it is shared across threads.
public final class HMACKey: @unchecked Sendable {
    private var prepared = cc_hmac_sha256_key()

    public init(_ key: [UInt8]) {
        key.withUnsafeBufferPointer { bytes in
            cc_hmac_sha256_key_init(&prepared, bytes.baseAddress, bytes.count)
        }
    }

    deinit {
        withUnsafeMutableBytes(of: &prepared) { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }

    /// The 32-byte MAC of `message`, written into `output` (at least 32 bytes).
    public func authenticate(_ message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= 32)
        withUnsafePointer(to: &prepared) { key in
            cc_hmac_sha256(key, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                           output.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
    }
}
