/// The hard limits a `RequestDecoder` enforces, each with the status it answers.
///
/// Limits are checked on partial input too: a request line or header block that
/// is already over its limit fails as soon as the bytes arrive, without waiting
/// for the terminating CRLF.
public struct DecoderLimits: Sendable, Hashable {
    /// Longest request line, excluding its CRLF; longer → 414. Default: 8 KiB.
    public var requestLineLength: Int
    /// Largest header block: every field line with its CRLF plus the final empty
    /// line, excluding the request line; trailer fields of a chunked body count
    /// against the same budget. Larger → 431. Default: 32 KiB.
    public var headerBlockLength: Int
    /// Most header fields (trailer fields included); more → 431. Default: 100.
    public var fieldCount: Int
    /// Largest body, after chunked decoding; larger → 413. Default: 16 KiB.
    public var bodyLength: Int
    /// Longest chunk-size line (size and extensions, excluding CRLF); longer
    /// → 400. Bounds what ignored chunk extensions may cost. Default: 256 bytes.
    public var chunkLineLength: Int

    /// Creates limits; every argument defaults to the documented default.
    public init(
        requestLineLength: Int = 8 * 1024,
        headerBlockLength: Int = 32 * 1024,
        fieldCount: Int = 100,
        bodyLength: Int = 16 * 1024,
        chunkLineLength: Int = 256
    ) {
        self.requestLineLength = requestLineLength
        self.headerBlockLength = headerBlockLength
        self.fieldCount = fieldCount
        self.bodyLength = bodyLength
        self.chunkLineLength = chunkLineLength
    }

    /// The defaults: 8 KiB request line, 32 KiB and 100 header fields,
    /// 16 KiB body, 256-byte chunk lines.
    public static let `default` = DecoderLimits()
}
