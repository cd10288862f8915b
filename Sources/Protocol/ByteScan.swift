/// Eight bytes at a time (SWAR) for the two scans every request pays per byte: finding the
/// next LF, and checking that a field value holds no control byte but HTAB and no DEL.
/// Each falls back to a byte loop for the tail and for words that need a closer look.
public enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A word whose high bit is set in every byte of `word` that is zero (exact: no false positives
    /// in the lowest set byte, which is all `firstIndex` uses).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highs
    }

    /// Index of the first `byte` in `bytes[from..<to]`, or nil.
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        var index = from
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let pattern = ones &* UInt64(byte)
            while index + 8 <= to {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let found = zeroBytes(word ^ pattern)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < to {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Whether every byte of `bytes[from..<to]` is a field-value byte (RFC 9110 §5.5): HTAB,
    /// SP, visible ASCII or obs-text; controls and DEL are not.
    public static func allFieldValueBytes(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var index = from
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= to {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // Bytes below 0x20 (among those below 0x80), and DEL: look closer only then.
                let low = (word &- ones &* 0x20) & ~word & highs
                let delete = zeroBytes(word ^ (ones &* 0x7F))
                if low | delete != 0 {
                    for offset in 0..<8 where !ByteClass.isFieldValueChar(bytes[index + offset]) { return false }
                }
                index += 8
            }
        }
        while index < to {
            if !ByteClass.isFieldValueChar(bytes[index]) { return false }
            index += 1
        }
        return true
    }
}
