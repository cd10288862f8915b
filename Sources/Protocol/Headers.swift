/// The header fields of a decoded request, in order, over the head's bytes.
///
/// Stores the request head once plus one pair of ranges per field, so decoding
/// does not allocate per field. Lookups compare names case-insensitively in place.
/// Values are returned with surrounding OWS already trimmed (RFC 9110 §5.5);
/// `String` values decode bytes as UTF-8, replacing invalid sequences
/// (obs-text), and `valueBytes` gives the exact bytes.
public struct Headers: Sendable, Sequence {
    /// One field line: name and (trimmed) value, as ranges into `bytes`.
    struct FieldRange: Sendable {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// One field as seen by a caller.
    public struct Field: Sendable {
        /// The name as sent (original case).
        public let name: String
        /// The value, OWS-trimmed, decoded as UTF-8.
        public let value: String
    }

    let bytes: [UInt8]
    let fields: [FieldRange]

    init(bytes: [UInt8], fields: [FieldRange]) {
        self.bytes = bytes
        self.fields = fields
    }

    /// Number of field lines.
    public var count: Int { fields.count }

    /// The value of the first field named `name`, or nil.
    public subscript(name: HeaderName) -> String? {
        guard let index = firstIndex(of: name) else { return nil }
        return string(fields[index].value)
    }

    /// The exact bytes of the first field named `name`, or nil.
    public func valueBytes(_ name: HeaderName) -> ArraySlice<UInt8>? {
        guard let index = firstIndex(of: name) else { return nil }
        return bytes[fields[index].value]
    }

    /// The values of every field named `name`, in order (e.g. several `Cookie` lines).
    public func values(_ name: HeaderName) -> [String] {
        var result: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            for field in fields where name.matches(buffer, field.name) {
                result.append(string(field.value))
            }
        }
        return result
    }

    /// Whether at least one field is named `name`.
    public func contains(_ name: HeaderName) -> Bool {
        firstIndex(of: name) != nil
    }

    /// Number of fields named `name`.
    public func count(of name: HeaderName) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for field in fields where name.matches(buffer, field.name) { count += 1 }
            return count
        }
    }

    /// Calls `body` with the raw value bytes (`buffer[range]`) of each field named `name`, in
    /// order, without copying or decoding them: the hot path reads cookies this way.
    public func forEachValue(_ name: HeaderName, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            for field in fields where name.matches(buffer, field.name) {
                body(buffer, field.value)
            }
        }
    }

    /// Iterates the fields in the order they were received.
    public struct Iterator: IteratorProtocol {
        let headers: Headers
        var index = 0

        public mutating func next() -> Field? {
            guard index < headers.fields.count else { return nil }
            defer { index += 1 }
            let field = headers.fields[index]
            return Field(name: headers.string(field.name), value: headers.string(field.value))
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(headers: self)
    }

    private func firstIndex(of name: HeaderName) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            fields.firstIndex { name.matches(buffer, $0.name) }
        }
    }

    fileprivate func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
