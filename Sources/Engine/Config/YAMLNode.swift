/// A position in a YAML text: 1-based line and column (columns count characters).
struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    var line: Int
    var column: Int

    static func < (a: YAMLMark, b: YAMLMark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    var description: String { "\(line):\(column)" }
}

/// One node of a parsed YAML document, with the mark where it starts.
///
/// Scalars stay strings: libyaml resolves no types, and the tenant decoder decides
/// what `true` or `8080` means from the text and whether it was quoted.
struct YAMLNode: Sendable, Equatable {
    /// How a scalar was written; a quoted `"true"` is a string, a plain `true` a boolean.
    enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// One `key: value` pair of a mapping, in document order.
    struct Entry: Sendable, Equatable {
        var key: YAMLNode
        var value: YAMLNode
    }

    enum Kind: Sendable, Equatable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([Entry])
    }

    var kind: Kind
    var mark: YAMLMark

    /// The text of a scalar; `nil` for collections.
    var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// Whether this is `~`, `null`, `Null`, `NULL` or nothing at all, written plain (YAML 1.2 core schema).
    var isNull: Bool {
        guard case .scalar(let text, .plain) = kind else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }
}

/// Why a YAML text could not be turned into nodes; `mark` says where.
struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    var mark: YAMLMark
    /// One sentence, without the position.
    var message: String

    var description: String { "\(mark): \(message)" }
}
