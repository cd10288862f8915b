/// Bounds on what a provider run may take and produce.
///
/// The outputs end up in the token, and the token in a cookie: browsers keep
/// cookies of at most 4096 bytes, and base64url grows the payload by 4/3, so
/// with the standard claims (≈ 400 bytes) a payload leaves ≈ 2.5 KiB for
/// profile, roles and subject together. The defaults stay inside that; the
/// token issuer still checks the final size.
public struct ProviderLimits: Sendable, Equatable {
    /// `JSON.stringify(userProfile)` in UTF-8 bytes. Default: 2048.
    public var profileJSONBytes = 2048
    /// `role` in UTF-8 bytes. Default: 128.
    public var roleBytes = 128
    /// Entries of `roles`. Default: 32.
    public var rolesCount = 32
    /// Each entry of `roles` in UTF-8 bytes. Default: 128.
    public var roleEntryBytes = 128
    /// A committed `subject` in UTF-8 bytes. Default: 256.
    public var subjectBytes = 256
    /// `fetch` calls per run; later calls reject. Default: 16.
    public var fetchesPerRun = 16
    /// Timeout of one `fetch`, within the script timeout. Default: 10 s.
    public var fetchTimeout: Duration = .seconds(10)
    /// Log lines per run; later ones are dropped. Default: 64.
    public var logLinesPerRun = 64
    /// Characters per log line. Default: 1024.
    public var logMessageCharacters = 1024
    /// Characters of an exception message in a failure. Default: 256.
    public var failureMessageCharacters = 256

    public init() {}
}
