/// Character classes of the HTTP grammar, as branch-light predicates on bytes.
enum ByteClass {
    /// `tchar` (RFC 9110 §5.6.2): `"!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
    /// "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA`.
    ///
    /// A bit per ASCII byte in two words: no table load, no branch per class.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        let mask = byte < 64 ? tokenMaskLow : tokenMaskHigh
        return byte < 128 && (mask >> UInt64(byte & 63)) & 1 == 1
    }

    /// `tchar` bits for bytes 0–63: `!#$%&'*+-.` and digits (checked by the byte sweep tests).
    static let tokenMaskLow: UInt64 = 0x03FF_6CFA_0000_0000

    /// `tchar` bits for bytes 64–127: letters and `^_`|~` (checked by the byte sweep tests).
    static let tokenMaskHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// A byte allowed inside a field value: `field-vchar / SP / HTAB`
    /// (RFC 9110 §5.5), where `field-vchar = VCHAR / obs-text`. Excludes NUL,
    /// CR, LF, the other controls and DEL.
    @inline(__always)
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == 0x09
    }

    /// `VCHAR` (RFC 5234 B.1): visible ASCII, 0x21–0x7E.
    @inline(__always)
    static func isVisible(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E
    }

    /// `OWS` members: SP and HTAB (RFC 9110 §5.6.3).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// The value of a `HEXDIG` (RFC 5234 B.1, either case), or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }

    /// ASCII lowercase of a byte; other bytes unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
}
