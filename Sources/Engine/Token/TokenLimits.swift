/// Limits applied before any token byte is decoded.
public struct TokenLimits: Sendable, Equatable {
    /// Longest token accepted, in bytes. Default: 8 KiB (8,192 bytes); a cookie cannot be much
    /// longer, and the cap bounds the work an attacker can ask for.
    public var maximumSize: Int

    public init(maximumSize: Int = 8192) {
        self.maximumSize = maximumSize
    }
}
