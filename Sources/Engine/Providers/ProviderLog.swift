/// A line a provider script logged with `say`, `console.log` or `console.error`.
public struct ProviderLogEntry: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, error }

    public let level: Level
    /// Tenant id the script belongs to.
    public let tenant: String
    /// The arguments as strings, joined by a space; cut to `ProviderLimits.logMessageCharacters`.
    public let message: String

    public init(level: Level, tenant: String, message: String) {
        self.level = level
        self.tenant = tenant
        self.message = message
    }
}

/// Receives provider log lines, synchronously on the worker thread.
///
/// The runtime itself never logs credentials; what a script logs is the
/// tenant's responsibility.
public typealias ProviderLogSink = @Sendable (ProviderLogEntry) -> Void
