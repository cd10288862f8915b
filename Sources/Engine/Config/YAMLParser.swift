import CYAML

/// The one place that touches libyaml: turns a text into documents of `YAMLNode`s.
///
/// Uses libyaml's event parser and builds the tree with an explicit stack, so no
/// input can recurse deeply. Anchors are accepted and ignored; aliases are rejected
/// (a tenant file has no need for them, and they can expand without bound).
enum YAMLParser {
    /// Deepest nesting of collections accepted. Default: 64 (a tenant needs 4).
    static let maximumDepth = 64

    /// Parses every document of `text`; an empty document is an empty plain scalar (`isNull`).
    static func parse(_ text: String) throws(YAMLError) -> [YAMLNode] {
        try parse(utf8: Array(text.utf8))
    }

    /// Parses every document of raw bytes (UTF-8, or UTF-16 with a byte order mark).
    static func parse(utf8 bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        guard !bytes.isEmpty else { return [] }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(mark: YAMLMark(line: 1, column: 1), message: "the YAML parser could not be initialised")
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<[YAMLNode], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            // `buffer` is non-empty, so its base address exists; it must outlive the parser's reads.
            guard let base = buffer.baseAddress else { return .success([]) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(parserError(parser, bytes: buffer))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return .success(builder.documents) }
                if let error = builder.consume(event) { return .failure(error) }
            }
        }
        return try result.get()
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func parserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = string(parser.problem) ?? "the text is not valid YAML"
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark.
            return YAMLError(mark: markOfOffset(Int(parser.problem_offset), in: bytes), message: "malformed YAML: \(problem)")
        }
        var message = "malformed YAML: \(problem)"
        if let context = string(parser.context) {
            message += " (\(context) at \(mark(parser.context_mark)))"
        }
        return YAMLError(mark: mark(parser.problem_mark), message: message)
    }

    private static func markOfOffset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1, column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1; column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }

    /// Turns the event stream into trees, one per document.
    private struct TreeBuilder {
        /// An open collection; a mapping's children alternate key, value.
        private struct Frame {
            var mark: YAMLMark
            var isMapping: Bool
            var children: [YAMLNode] = []
        }

        private(set) var documents: [YAMLNode] = []
        private var stack: [Frame] = []
        private var root: YAMLNode?

        mutating func consume(_ event: yaml_event_t) -> YAMLError? {
            let start = YAMLParser.mark(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                root = nil
            case YAML_DOCUMENT_END_EVENT:
                if let root { documents.append(root) }
            case YAML_ALIAS_EVENT:
                let name = YAMLParser.string(UnsafeRawPointer(event.data.alias.anchor)?.assumingMemoryBound(to: CChar.self)) ?? ""
                return YAMLError(mark: start, message: "aliases (\"*\(name)\") are not supported; write the value out")
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self)
                } ?? ""
                add(YAMLNode(kind: .scalar(text, Self.style(scalar.style)), mark: start))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < YAMLParser.maximumDepth else {
                    return YAMLError(mark: start, message: "collections nested deeper than \(YAMLParser.maximumDepth) levels are not supported")
                }
                stack.append(Frame(mark: start, isMapping: event.type == YAML_MAPPING_START_EVENT))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break } // libyaml balances its events
                if frame.isMapping {
                    let entries = stride(from: 0, to: frame.children.count - 1, by: 2).map {
                        YAMLNode.Entry(key: frame.children[$0], value: frame.children[$0 + 1])
                    }
                    add(YAMLNode(kind: .mapping(entries), mark: frame.mark))
                } else {
                    add(YAMLNode(kind: .sequence(frame.children), mark: frame.mark))
                }
            default:
                break // stream start and end
            }
            return nil
        }

        private mutating func add(_ node: YAMLNode) {
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
            switch style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        }
    }
}
