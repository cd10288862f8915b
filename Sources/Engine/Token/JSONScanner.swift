/// A strict JSON reader (RFC 8259) over borrowed bytes that never allocates while scanning.
///
/// The token paths use it to read exactly the members they need and skip the rest, checking the
/// grammar of everything they skip: a value is accepted only if the whole text is one valid JSON
/// document. Every method returns `nil`/`false` on bad input and never traps.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    /// Deepest nesting of arrays and objects accepted. Default: 32; bounds recursion on hostile
    /// input such as 8 KiB of `[`.
    static let maximumDepth = 32

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Skips JSON whitespace (RFC 8259 §2: space, tab, LF, CR) and returns the next byte, if any.
    mutating func peek() -> UInt8? {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return bytes[index]
            }
        }
        return nil
    }

    /// Consumes `byte` after optional whitespace; `false` leaves the cursor on the other byte.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Whether only whitespace remains (RFC 8259 §2: `JSON-text = ws value ws`).
    mutating func isFinished() -> Bool {
        peek() == nil
    }

    /// Reads an object, calling `member` with each key while the cursor is on its value, which
    /// `member` must consume; `false` on a syntax error or when `member` returns `false`.
    mutating func scanObject(_ member: (inout JSONScanner, JSONString) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard peek() != nil, let key = scanString(), consume(UInt8(ascii: ":")), peek() != nil,
                  member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// Reads an array, calling `element` while the cursor is on each element.
    mutating func scanArray(_ element: (inout JSONScanner) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard peek() != nil, element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    /// Checks and skips one value of any type nested `depth` levels deep.
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maximumDepth, let first = peek() else { return false }
        switch first {
        case UInt8(ascii: "{"): return scanObject { scanner, _ in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return scanArray { scanner in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): return scanString() != nil
        case UInt8(ascii: "t"): return scanLiteral("true")
        case UInt8(ascii: "f"): return scanLiteral("false")
        case UInt8(ascii: "n"): return scanLiteral("null")
        default: return scanNumber() != nil
        }
    }

    /// Consumes `word` (`true`, `false` or `null`) at the cursor.
    mutating func scanLiteral(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Consumes a number at the cursor (RFC 8259 §6) and returns the range of its text.
    mutating func scanNumber() -> Range<Int>? {
        let start = index
        if byte(at: index) == UInt8(ascii: "-") { index += 1 }
        if byte(at: index) == UInt8(ascii: "0") {
            index += 1
        } else if !scanDigits() {
            return nil
        }
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            guard scanDigits() else { return nil }
        }
        if let e = byte(at: index), e | 0x20 == UInt8(ascii: "e") {
            index += 1
            if let sign = byte(at: index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard scanDigits() else { return nil }
        }
        return start..<index
    }

    /// The value of a scanned number; very large exponents give ±infinity.
    func double(_ range: Range<Int>) -> Double? {
        // Whole numbers of up to 15 digits (NumericDates as Uitsmijter and we write them) are
        // exact in a Double: convert them without strtod and its temporary string.
        var position = range.lowerBound
        let negative = position < range.upperBound && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        if range.upperBound - position <= 15 {
            var value: Int64 = 0
            var whole = position < range.upperBound
            while position < range.upperBound {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit <= 9 else { whole = false; break }
                value = value * 10 + Int64(digit)
                position += 1
            }
            if whole { return negative ? -Double(value) : Double(value) }
        }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    /// Reads a number value, or `nil` if the value at the cursor is anything else or malformed.
    mutating func scanDouble() -> Double? {
        guard let range = scanNumber() else { return nil }
        return double(range)
    }

    private mutating func scanDigits() -> Bool {
        let start = index
        while let digit = byte(at: index), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }

    func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }
}
