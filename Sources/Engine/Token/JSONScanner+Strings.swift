/// A string scanned by `JSONScanner`: where its raw text lies, and whether it needs unescaping.
struct JSONString {
    /// Bytes between the quotes.
    let range: Range<Int>
    let hasEscapes: Bool
}

extension JSONScanner {
    /// Consumes a string at the cursor (RFC 8259 §7), checking escapes, surrogate pairs, control
    /// bytes and UTF-8 (RFC 3629 §4), so that decoding it later cannot fail.
    mutating func scanString() -> JSONString? {
        guard byte(at: index) == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            // Plain printable ASCII is nearly all of a token: skip it without the switch.
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return JSONString(range: start..<index - 1, hasEscapes: hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                guard scanEscape() else { return nil }
            case 0x00..<0x20:
                return nil
            case 0x20..<0x80:
                index += 1
            default:
                guard scanUTF8Sequence() else { return nil }
            }
        }
        return nil
    }

    /// The text of a scanned string with its escapes resolved.
    func string(_ string: JSONString) -> String {
        guard string.hasEscapes else {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[string.range]), as: UTF8.self)
        }
        return String(decoding: unescape(string.range), as: UTF8.self)
    }

    /// Whether a scanned string is byte for byte `expected` (no Unicode normalisation), without
    /// allocating unless it has escapes.
    func string(_ string: JSONString, equals expected: String) -> Bool {
        guard !string.hasEscapes else { return self.string(string).utf8.elementsEqual(expected.utf8) }
        guard string.range.count == expected.utf8.count else { return false }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[string.range])
        return expected.utf8.withContiguousStorageIfAvailable { raw.elementsEqual($0) }
            ?? raw.elementsEqual(expected.utf8)
    }

    /// Whether a scanned string is `expected`, an ASCII name known at compile time.
    func string(_ string: JSONString, equals expected: StaticString) -> Bool {
        guard !string.hasEscapes else {
            return self.string(string).utf8.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start,
                                                                             count: expected.utf8CodeUnitCount))
        }
        guard string.range.count == expected.utf8CodeUnitCount else { return false }
        let position = string.range.lowerBound
        for offset in 0..<expected.utf8CodeUnitCount where bytes[position + offset] != expected.utf8Start[offset] {
            return false
        }
        return true
    }

    /// Consumes one escape at the cursor (on the backslash).
    private mutating func scanEscape() -> Bool {
        switch byte(at: index + 1) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
            return true
        case UInt8(ascii: "u"):
            guard let unit = hexUnit(at: index + 2) else { return false }
            index += 6
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed by an escaped low one (RFC 8259 §7).
                guard byte(at: index) == UInt8(ascii: "\\"), byte(at: index + 1) == UInt8(ascii: "u"),
                      let low = hexUnit(at: index + 2), (0xDC00...0xDFFF).contains(low) else { return false }
                index += 6
                return true
            case 0xDC00...0xDFFF:
                return false
            default:
                return true
            }
        default:
            return false
        }
    }

    /// The four hex digits at `position` as a UTF-16 code unit.
    private func hexUnit(at position: Int) -> UInt32? {
        guard position >= 0, bytes.count - position >= 4 else { return nil }
        var unit: UInt32 = 0
        for offset in 0..<4 {
            let digit = bytes[position + offset]
            let value: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt32(value)
        }
        return unit
    }

    /// Consumes one multi-byte UTF-8 sequence: no overlong forms, surrogates or values above U+10FFFF.
    private mutating func scanUTF8Sequence() -> Bool {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return false
        }
        guard bytes.count - index >= length, (lower...upper).contains(bytes[index + 1]) else { return false }
        for position in index + 2 ..< index + length where bytes[position] & 0xC0 != 0x80 { return false }
        index += length
        return true
    }

    /// Resolves the escapes of text that `scanString` has already checked.
    private func unescape(_ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                position += 1
                continue
            }
            let escaped = bytes[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hexUnit(at: position) ?? 0xFFFD
                position += 4
                if (0xD800...0xDBFF).contains(scalar), let low = hexUnit(at: position + 2) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    position += 6
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            default:
                out.append(escaped)
            }
        }
        return out
    }
}
