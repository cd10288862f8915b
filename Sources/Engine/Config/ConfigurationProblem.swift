/// One problem found in the tenant files, with where it is.
///
/// Its `description` is the line `check-config` prints and reloads log:
/// `file:line:column: tenant "x": spec.hosts[1] ("*.") must be a host name or a wildcard like "*.example.com"`.
/// Warnings carry `warning: ` after the position; problems about the file set as a whole
/// (line 0) have no position.
public struct ConfigurationProblem: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An error keeps a configuration from loading; a warning is only reported.
    public enum Severity: Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    /// The file name as given to the loader; empty for problems about the file set.
    public var file: String
    /// 1-based line; 0 when the problem has no position.
    public var line: Int
    /// 1-based column, counting characters; 0 when the problem has no position.
    public var column: Int
    /// The tenant id, once the document has a readable name.
    public var tenant: String?
    /// The field, like `spec.hosts[1]`; empty for a whole document or file.
    public var path: String
    /// What is wrong, starting with the path (`spec.hosts[1] ("*.") must be …`).
    public var message: String

    public init(severity: Severity, file: String, line: Int, column: Int,
                tenant: String?, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.tenant = tenant
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = line > 0 ? "\(file):\(line):\(column): " : ""
        if severity == .warning { text += "warning: " }
        if let tenant { text += "tenant \"\(tenant)\": " }
        return text + message
    }

    /// Sorted by file, position, then text, so output is stable whatever the order of discovery.
    public static func < (a: ConfigurationProblem, b: ConfigurationProblem) -> Bool {
        (a.file, a.line, a.column, a.description) < (b.file, b.line, b.column, b.description)
    }
}

/// The tenant files could not be loaded; `problems` holds every error and warning, sorted.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems.sorted()
    }

    /// Only the errors, sorted.
    public var errors: [ConfigurationProblem] { problems.filter { $0.severity == .error } }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
