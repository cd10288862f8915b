import Engine
import Synchronization

/// The configuration in force: tenants and secrets behind one `Authorizer`, swapped whole on
/// reload. A failed reload keeps the old one (SPEC §2, **fix** over Uitsmijter).
final class ConfigurationStore: Sendable {
    private let current = Mutex<Configuration?>(nil)

    /// What one load put in force.
    struct Configuration: Sendable {
        let authorizer: Authorizer
        /// Keys the login form's CSRF token.
        let secret: [UInt8]
    }
    private let refreshes = RefreshCoordinator()
    let options: ServeOptions
    let environment: [String: String]
    let metrics: InterceptorMetrics?

    init(options: ServeOptions, environment: [String: String], metrics: InterceptorMetrics?) {
        self.options = options
        self.environment = environment
        self.metrics = metrics
    }

    /// The authorizer in force; nil until the first successful load.
    var authorizer: Authorizer? { current.withLock { $0?.authorizer } }

    /// Everything in force, for login and logout; nil until the first successful load.
    var configuration: Configuration? { current.withLock { $0 } }

    var settings: CheckSettings {
        CheckSettings(cookie: CookiePolicy(name: options.cookieName, secure: options.secure,
                                           sameSite: options.cookieSameSiteStrict ? .strict : .lax),
                      refresh: RefreshPolicy(lifetime: options.tokenLifetime),
                      publicDomain: options.publicDomain, secureByDefault: options.secure)
    }

    enum LoadError: Error, CustomStringConvertible {
        case secrets(Secrets.Missing)
        case tenants(TenantDirectory.LoadError)
        case scripts([String])

        var description: String {
            switch self {
            case .secrets(let error): error.description
            case .tenants(let error): error.description
            case .scripts(let problems): problems.joined(separator: "\n")
            }
        }
    }

    /// Reads tenants and secrets and, when both are valid, puts them in force.
    /// Returns the warnings and the new authorizer.
    @discardableResult
    func load() throws(LoadError) -> (authorizer: Authorizer, warnings: [ConfigurationProblem], secrets: Secrets) {
        do {
            let loaded = try read()
            metrics?.configReloadSuccess.increment()
            return loaded
        } catch {
            metrics?.configReloadFailure.increment()
            throw error
        }
    }

    private func read() throws(LoadError) -> (authorizer: Authorizer, warnings: [ConfigurationProblem], secrets: Secrets) {
        let secrets: Secrets
        do { secrets = try Secrets.load(environment: environment, secretFile: options.secretFile) } catch {
            throw .secrets(error)
        }
        let loaded: (tenants: Tenants, warnings: [ConfigurationProblem])
        do { loaded = try TenantDirectory.load(options.tenantsDirectory) } catch { throw .tenants(error) }
        let scriptProblems = CheckScripts.inChild(loaded.tenants)
        guard scriptProblems.isEmpty else { throw .scripts(scriptProblems) }
        let issuer: TokenIssuer
        do { issuer = try TokenIssuer(secret: secrets.current) } catch {
            throw .secrets(Secrets.Missing(description: "the JWT secret is empty"))
        }
        let authorizer = Authorizer(tenants: loaded.tenants,
                                    verifier: TokenVerifier(secret: secrets.current, previousSecrets: secrets.previous),
                                    issuer: issuer, settings: settings, refreshes: refreshes, metrics: metrics)
        current.withLock { $0 = Configuration(authorizer: authorizer, secret: secrets.current) }
        return (authorizer, loaded.warnings, secrets)
    }
}
