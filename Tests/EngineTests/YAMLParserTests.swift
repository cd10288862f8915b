import Testing
@testable import Engine

@Suite struct YAMLParserTests {
    private func scalar(_ text: String, _ style: YAMLNode.ScalarStyle, _ line: Int, _ column: Int) -> YAMLNode {
        YAMLNode(kind: .scalar(text, style), mark: YAMLMark(line: line, column: column))
    }

    @Test func keepsKeyOrderStylesAndMarks() throws {
        let documents = try YAMLParser.parse("b: 1\na: \"true\"\nc: [x, 'y']\nd: |\n  line\n")
        let expected = YAMLNode(kind: .mapping([
            .init(key: scalar("b", .plain, 1, 1), value: scalar("1", .plain, 1, 4)),
            .init(key: scalar("a", .plain, 2, 1), value: scalar("true", .doubleQuoted, 2, 4)),
            .init(key: scalar("c", .plain, 3, 1), value: YAMLNode(kind: .sequence([
                scalar("x", .plain, 3, 5), scalar("y", .singleQuoted, 3, 8),
            ]), mark: YAMLMark(line: 3, column: 4))),
            .init(key: scalar("d", .plain, 4, 1), value: scalar("line\n", .literal, 4, 4)),
        ]), mark: YAMLMark(line: 1, column: 1))
        #expect(documents == [expected])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let documents = try YAMLParser.parse("é: ü\n")
        #expect(documents.first?.kind == .mapping([.init(key: scalar("é", .plain, 1, 1), value: scalar("ü", .plain, 1, 4))]))
    }

    @Test func splitsDocumentsAndKeepsEmptyOnesAsNull() throws {
        let documents = try YAMLParser.parse("a: 1\n---\n---\nb: 2\n")
        #expect(documents.count == 3)
        #expect(documents.map(\.isNull) == [false, true, false])
        #expect(try YAMLParser.parse("").isEmpty)
        #expect(try YAMLParser.parse("# only a comment\n").isEmpty)
    }

    @Test func nullScalars() throws {
        let documents = try YAMLParser.parse("[~, null, NULL, '', \"null\", nil]")
        guard case .sequence(let items)? = documents.first?.kind else {
            Issue.record("expected a sequence")
            return
        }
        #expect(items.map(\.isNull) == [true, true, true, false, false, false])
    }

    @Test func rejectsAliases() {
        #expect(throws: YAMLError(mark: YAMLMark(line: 2, column: 4),
                                  message: "aliases (\"*x\") are not supported; write the value out")) {
            try YAMLParser.parse("a: &x 1\nb: *x\n")
        }
    }

    @Test func malformedYAMLHasLineAndColumn() {
        #expect(throws: YAMLError(mark: YAMLMark(line: 2, column: 5),
                                  message: "malformed YAML: mapping values are not allowed in this context")) {
            try YAMLParser.parse("a: b\nc: d: e\n")
        }
        #expect(throws: YAMLError(mark: YAMLMark(line: 3, column: 1),
                                  message: "malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)")) {
            try YAMLParser.parse("a: [1,\n  2\n")
        }
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() {
        #expect(throws: YAMLError(mark: YAMLMark(line: 2, column: 4), message: "malformed YAML: invalid leading UTF-8 octet")) {
            try YAMLParser.parse(utf8: Array("a: 1\nb: ".utf8) + [0xFF])
        }
    }

    @Test func parsesLargeCollections() throws {
        let items = 200_000
        let sequence = try YAMLParser.parse("[" + String(repeating: "a, ", count: items) + "]")
        guard case .sequence(let nodes)? = sequence.first?.kind else {
            Issue.record("expected a sequence")
            return
        }
        #expect(nodes.count == items)
        let mapping = try YAMLParser.parse((0..<items).map { "k\($0): v\n" }.joined())
        guard case .mapping(let entries)? = mapping.first?.kind else {
            Issue.record("expected a mapping")
            return
        }
        #expect(entries.count == items)
        #expect(entries.last == .init(key: scalar("k\(items - 1)", .plain, items, 1), value: scalar("v", .plain, items, 4 + String(items - 1).count)))
    }

    @Test func limitsNesting() {
        #expect(throws: YAMLError(mark: YAMLMark(line: 1, column: 65),
                                  message: "collections nested deeper than 64 levels are not supported")) {
            try YAMLParser.parse(String(repeating: "[", count: 100_000))
        }
        #expect(throws: Never.self) { try YAMLParser.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) }
    }
}
