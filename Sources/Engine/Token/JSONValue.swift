/// Any JSON value, kept verbatim enough to write it back unchanged: numbers keep their text and
/// objects their member order. Used for `profile` and for claims kept across a refresh.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as written (RFC 8259 §6), so `1.50` or `12345678901234567890` survive.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// Parses one strict JSON document (RFC 8259, UTF-8): `nil` on any syntax error, trailing
    /// bytes, nesting deeper than 32, or a repeated key in any object.
    public init?(parsing bytes: [UInt8]) {
        let value = bytes.withUnsafeBytes { buffer -> JSONValue? in
            var scanner = JSONScanner(buffer)
            guard let value = scanner.scanValue(depth: 0), scanner.isFinished() else { return nil }
            return value
        }
        guard let value else { return nil }
        self = value
    }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONScanner {
    /// Reads one value nested `depth` levels deep.
    mutating func scanValue(depth: Int) -> JSONValue? {
        guard depth < Self.maximumDepth, let first = peek() else { return nil }
        switch first {
        case UInt8(ascii: "{"):
            var members = [JSONMember](), keys = Set<String>()
            let parsed = scanObject { scanner, key in
                let name = scanner.string(key)
                guard keys.insert(name).inserted, let value = scanner.scanValue(depth: depth + 1) else { return false }
                members.append(JSONMember(name, value))
                return true
            }
            return parsed ? .object(members) : nil
        case UInt8(ascii: "["):
            var elements = [JSONValue]()
            let parsed = scanArray { scanner in
                guard let value = scanner.scanValue(depth: depth + 1) else { return false }
                elements.append(value)
                return true
            }
            return parsed ? .array(elements) : nil
        case UInt8(ascii: "\""):
            return scanString().map { .string(string($0)) }
        case UInt8(ascii: "t"):
            return scanLiteral("true") ? .bool(true) : nil
        case UInt8(ascii: "f"):
            return scanLiteral("false") ? .bool(false) : nil
        case UInt8(ascii: "n"):
            return scanLiteral("null") ? .null : nil
        default:
            return scanNumber().map { .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
        }
    }
}
