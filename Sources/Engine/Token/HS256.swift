/// HMAC-SHA256 as a JWS algorithm (RFC 7518 §3.2): signs and checks bytes, knows nothing about tokens.
public struct HS256: Sendable {
    /// Length of an HS256 signature in bytes.
    public static let signatureCount = 32

    /// Secrets tried in order: the current one first, then previous ones (rotation). Empty secrets
    /// are dropped, so an empty secret never verifies anything.
    public let keys: [[UInt8]]
    /// The same keys, prepared for the hot path.
    private let prepared: [HMACKey]

    /// Keys for signing and checking; `current` signs, all of them check.
    public init(current: [UInt8], previous: [[UInt8]] = []) {
        keys = ([current] + previous).filter { !$0.isEmpty }
        prepared = keys.map(HMACKey.init)
    }

    /// The signature of `message` under `key`: 32 bytes.
    public static func sign(_ message: some ContiguousBytes, key: [UInt8]) -> [UInt8] {
        Crypto.hmacSHA256(key: key, message: message)
    }

    /// Whether `signature` is the signature of `message` under any of the keys, compared in
    /// constant time per key.
    public func isValid(signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
        guard signature.count == Self.signatureCount else { return false }
        return withUnsafeTemporaryAllocation(byteCount: Self.signatureCount, alignment: 8) { expected in
            for key in prepared {
                key.authenticate(message, into: expected)
                if Crypto.constantTimeEqual(UnsafeRawBufferPointer(expected), signature) { return true }
            }
            return false
        }
    }
}
