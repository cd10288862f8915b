/// The tenant a provider runs for: passed to the script as `tenant: {name, namespace}`.
public struct ProviderTenant: Sendable, Equatable {
    /// Tenant id: "name" or "namespace/name".
    public var id: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
    public let name: String
    /// Kubernetes namespace; empty for the file shape.
    public let namespace: String

    public init(name: String, namespace: String = "") {
        self.name = name
        self.namespace = namespace
    }
}

/// Username and password from the login form.
public struct ProviderCredentials: Sendable, Equatable {
    public let username: String
    public let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// Result of a `UserLoginProvider` run.
public enum LoginOutcome: Sendable, Equatable {
    /// `canLogin` was truthy. `subject` nil means "use the username";
    /// `profileJSON` nil means no `profile` claim; `role` defaults to "default".
    case allowed(subject: String?, profileJSON: String?, role: String, roles: [String]?)
    /// `canLogin` was falsy.
    case denied
    /// The run did not give an answer; a failed login (503 page).
    case failed(ProviderFailure)
}

/// Result of a `UserValidationProvider` run.
public enum ValidationOutcome: Sendable, Equatable {
    case valid
    case invalid
    case failed(ProviderFailure)
}

/// Why a provider run gave no answer; logged with the tenant.
public enum ProviderFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The script threw (message cut to `ProviderLimits.failureMessageCharacters`).
    case threw(String)
    /// The script returned and nothing was pending, without `commit`.
    case neverCommitted
    /// The script timeout passed (runaway loop, slow fetch, …).
    case timeout
    /// The script does not declare the class (e.g. "UserLoginProvider").
    case missingClass(String)
    /// An output is too large or of the wrong type.
    case badResult(String)
    /// JavaScriptCore could not be loaded.
    case unavailable(String)

    public var description: String {
        switch self {
        case .threw(let message): "the provider threw \"\(message)\""
        case .neverCommitted: "the provider never called commit()"
        case .timeout: "the provider ran past its timeout"
        case .missingClass(let name): "the provider script declares no class \"\(name)\""
        case .badResult(let reason): "the provider returned a bad result: \(reason)"
        case .unavailable(let reason): reason
        }
    }
}
