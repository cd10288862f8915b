/// Primitive readers shared by the tenant fields: each reports its own problem and returns `nil`.
extension TenantDocumentDecoder {
    /// The fields of a mapping in document order, with null values left out.
    struct Fields {
        var path: String
        var node: YAMLNode
        var entries: [(name: String, key: YAMLNode, value: YAMLNode)]

        /// The value of `name`, or `nil` when absent or null.
        subscript(name: String) -> YAMLNode? {
            entries.first { $0.name == name && !$0.value.isNull }?.value
        }

        func path(_ name: String) -> String { TenantDocumentDecoder.join(path, name) }
    }

    static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    /// `path ("value")` for a scalar, `path` for a collection: the start of every message.
    static func subject(_ path: String, _ node: YAMLNode) -> String {
        guard let text = node.scalar else { return path }
        let limit = 60
        var shown = ""
        for character in text.prefix(limit) {
            switch character {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            default:
                shown += character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
                    ? String(character) : "\\u{" + String(character.unicodeScalars.first?.value ?? 0, radix: 16) + "}"
            }
        }
        if text.count > limit { shown += "…" }
        return "\(path) (\"\(shown)\")"
    }

    /// The fields of a mapping; reports a non-mapping, a key that is not a scalar, and a key given twice.
    mutating func fields(_ node: YAMLNode, path: String) -> Fields? {
        guard case .mapping(let entries) = node.kind else {
            error(node, path, "\(Self.subject(path.isEmpty ? "the document" : path, node)) must be a mapping")
            return nil
        }
        var fields = Fields(path: path, node: node, entries: [])
        var seen: Set<String> = []
        for entry in entries {
            guard let name = entry.key.scalar else {
                error(entry.key, path, "keys of \(path.isEmpty ? "the document" : path) must be strings")
                continue
            }
            guard seen.insert(name).inserted else {
                error(entry.key, Self.join(path, name), "\(Self.join(path, name)) is given more than once")
                continue
            }
            fields.entries.append((name, entry.key, entry.value))
        }
        return fields
    }

    /// Warns about every field not in `known`.
    mutating func warnUnknown(_ fields: Fields, known: Set<String>) {
        for entry in fields.entries where !known.contains(entry.name) {
            let path = fields.path(entry.name)
            warning(entry.key, path, "\(path) is not a known field and is ignored")
        }
    }

    /// A scalar's text; `nil` (and an error) for a collection.
    mutating func string(_ node: YAMLNode, _ path: String) -> String? {
        guard let text = node.scalar else {
            error(node, path, "\(path) must be a string")
            return nil
        }
        return text
    }

    /// A non-empty scalar, or an error saying `field is required` when `node` is `nil`.
    mutating func requiredName(_ node: YAMLNode?, _ path: String, in fields: Fields) -> String? {
        guard let node else {
            error(fields.node, path, "\(path) is required")
            return nil
        }
        guard let text = string(node, path) else { return nil }
        guard !text.isEmpty else {
            error(node, path, "\(path) must not be empty")
            return nil
        }
        return text
    }

    /// A plain `true`/`false` (also the YAML 1.1 forms `yes`/`no`/`on`/`off` Uitsmijter's reader takes).
    mutating func bool(_ node: YAMLNode, _ path: String) -> Bool? {
        if case .scalar(let text, let style) = node.kind {
            let value: Bool? = switch text {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": true
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": false
            default: nil
            }
            if let value, style == .plain { return value }
            if value != nil {
                error(node, path, "\(Self.subject(path, node)) must be true or false without quotes")
                return nil
            }
        }
        error(node, path, "\(Self.subject(path, node)) must be true or false")
        return nil
    }

    /// A host name (lowercased), or `nil` and an error.
    mutating func hostName(_ node: YAMLNode, _ path: String) -> String? {
        if let text = node.scalar, let host = HostName.validated(text) { return host }
        error(node, path, "\(Self.subject(path, node)) must be a host name like \"login.example.com\"")
        return nil
    }

    /// An absolute `http` or `https` URL with a host, without spaces, backslashes or control characters.
    mutating func webURL(_ node: YAMLNode, _ path: String) -> String? {
        if let text = node.scalar {
            let lowercased = text.lowercased()
            let rest = lowercased.hasPrefix("https://") ? text.dropFirst(8)
                : lowercased.hasPrefix("http://") ? text.dropFirst(7) : nil
            if let rest, let first = rest.first, first != "/",
               !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) {
                return text
            }
        }
        error(node, path, "\(Self.subject(path, node)) must be an absolute http or https URL")
        return nil
    }
}
