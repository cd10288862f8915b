/// A tenant's provider scripts, joined with a newline (SPEC §7).
public struct ProviderScript: Sendable, Hashable {
    /// The JavaScript source as run.
    public let source: String

    public init(source: String) {
        self.source = source
    }

    /// The tenant's `providers` entries joined with a newline, as Uitsmijter does.
    public init(joining sources: [String]) {
        self.source = sources.joined(separator: "\n")
    }

    /// Parses the script without running it (JSCheckScriptSyntax), for tenant load.
    ///
    /// This loads JavaScriptCore and makes a short-lived context group
    /// (≈ 1 ms); a syntax error is a configuration error.
    /// - Returns: nil when the script parses, else the problem with its line.
    public func syntaxError(tenant: String) -> ProviderScriptError? {
        let machine: JSVirtualMachine
        do throws(JavaScriptUnavailable) {
            machine = try JSVirtualMachine()
        } catch {
            return ProviderScriptError(tenant: tenant, line: nil, message: error.description)
        }
        guard let exception = machine.syntaxError(in: source) else { return nil }
        return ProviderScriptError(tenant: tenant, line: exception.line, message: exception.message)
    }
}

/// A provider script that does not parse (or JavaScriptCore is missing).
public struct ProviderScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Tenant id whose `providers` hold the script.
    public let tenant: String
    /// 1-based line in the joined script, when known.
    public let line: Int?
    /// JavaScriptCore's message, e.g. "SyntaxError: Unexpected token '}'".
    public let message: String

    public var description: String {
        let place = line.map { " line \($0)" } ?? ""
        return "tenant \"\(tenant)\": provider script\(place): \(message)"
    }
}
