/// Why a request could not be decoded; each case maps to one HTTP status.
///
/// Descriptions never echo request bytes except the HTTP version, which has
/// already been checked to be `HTTP/` digit `.` digit: header values may hold
/// tokens and cookies.
public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request line is not `method SP request-target SP HTTP-version`.
    case invalidRequestLine
    /// The method is empty or not a token (RFC 9110 §9.1).
    case invalidMethod
    /// The target is not in origin-form (RFC 9112 §3.2.1) of visible ASCII.
    case invalidTarget
    /// The version is not `HTTP/` DIGIT `.` DIGIT (RFC 9112 §2.3).
    case invalidVersion
    /// A well-formed version other than HTTP/1.1 and HTTP/1.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The request line is longer than `DecoderLimits.requestLineLength`.
    case requestLineTooLong
    /// A line ends in LF without CR (RFC 9112 §2.2: rejected, not tolerated).
    case bareLineFeed
    /// A CR that is not followed by LF (RFC 9112 §2.2).
    case bareCarriageReturn
    /// A field line starts with whitespace: obsolete line folding (RFC 9112 §5.2).
    case obsoleteLineFolding
    /// A field line has no colon.
    case missingColon
    /// A field name is empty or holds a byte that is not a tchar (RFC 9110 §5.1).
    case invalidFieldName
    /// Whitespace between field name and colon (RFC 9112 §5.1: MUST reject).
    case whitespaceBeforeColon
    /// A field value holds NUL, another control character or DEL (RFC 9110 §5.5).
    case invalidFieldValue
    /// The header block is larger than `DecoderLimits.headerBlockLength`.
    case headerBlockTooLarge
    /// More header fields than `DecoderLimits.fieldCount`.
    case tooManyFields
    /// An HTTP/1.1 request without `Host` (RFC 9112 §3.2).
    case missingHost
    /// More than one `Host` field line (RFC 9112 §3.2).
    case duplicateHost
    /// Both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.3: smuggling).
    case contentLengthWithTransferEncoding
    /// More than one `Content-Length` field line, even with equal values.
    case duplicateContentLength
    /// A `Content-Length` that is not 1*DIGIT (signs, lists, spaces, empty).
    case invalidContentLength
    /// `Transfer-Encoding` is malformed, names `chunked` twice, or comes with HTTP/1.0.
    case invalidTransferEncoding
    /// A transfer coding other than exactly `chunked`.
    case unsupportedTransferCoding
    /// The body is larger than `DecoderLimits.bodyLength`.
    case bodyTooLarge
    /// A chunk-size that is not 1*HEXDIG (RFC 9112 §7.1).
    case invalidChunkSize
    /// A chunk-size with more than 16 significant hex digits.
    case chunkSizeOverflow
    /// A chunk extension that is not `;` followed by visible characters.
    case invalidChunkExtension
    /// A chunk-size line longer than `DecoderLimits.chunkLineLength`.
    case chunkLineTooLong
    /// Chunk data not followed by CRLF.
    case invalidChunkTerminator

    /// The status a server answers with before closing the connection.
    public var status: Int {
        switch self {
        case .unsupportedVersion: 505
        case .requestLineTooLong: 414
        case .headerBlockTooLarge, .tooManyFields: 431
        case .unsupportedTransferCoding: 501
        case .bodyTooLarge: 413
        default: 400
        }
    }

    /// One sentence saying what is wrong, without request bytes.
    public var description: String {
        switch self {
        case .invalidRequestLine: "The request line is not \"method target version\" separated by single spaces."
        case .invalidMethod: "The request method is empty or not a token."
        case .invalidTarget: "The request target is not an origin-form path of visible ASCII characters."
        case .invalidVersion: "The HTTP version is not of the form \"HTTP/x.y\"."
        case let .unsupportedVersion(major, minor):
            "The HTTP version \"HTTP/\(major).\(minor)\" is not supported; only HTTP/1.1 and HTTP/1.0 are."
        case .requestLineTooLong: "The request line is longer than the limit."
        case .bareLineFeed: "A line ends in LF without a preceding CR."
        case .bareCarriageReturn: "A CR is not followed by LF."
        case .obsoleteLineFolding: "A header field line starts with whitespace (obsolete line folding)."
        case .missingColon: "A header field line has no colon."
        case .invalidFieldName: "A header field name is empty or contains a character that is not a token character."
        case .whitespaceBeforeColon: "A header field name is followed by whitespace before the colon."
        case .invalidFieldValue: "A header field value contains a control character."
        case .headerBlockTooLarge: "The header block is larger than the limit."
        case .tooManyFields: "The request has more header fields than the limit."
        case .missingHost: "The HTTP/1.1 request has no Host header field."
        case .duplicateHost: "The request has more than one Host header field."
        case .contentLengthWithTransferEncoding: "The request has both Content-Length and Transfer-Encoding."
        case .duplicateContentLength: "The request has more than one Content-Length header field."
        case .invalidContentLength: "The Content-Length value is not a plain decimal number."
        case .invalidTransferEncoding: "The Transfer-Encoding header field is malformed or not allowed here."
        case .unsupportedTransferCoding: "The request uses a transfer coding other than chunked."
        case .bodyTooLarge: "The request body is larger than the limit."
        case .invalidChunkSize: "A chunk size is not a hexadecimal number."
        case .chunkSizeOverflow: "A chunk size has too many hexadecimal digits."
        case .invalidChunkExtension: "A chunk extension is malformed."
        case .chunkLineTooLong: "A chunk size line is longer than the limit."
        case .invalidChunkTerminator: "Chunk data is not followed by CRLF."
        }
    }
}
