import Engine

/// `interceptor check-config`: every problem as `file:line:column: message`; exit 0, or 78.
enum CheckConfig {
    static func run(_ options: ServeOptions) -> Int32 {
        do {
            let loaded = try TenantDirectory.load(options.tenantsDirectory)
            var problems = loaded.warnings.map(\.description)
            for tenant in loaded.tenants.all {
                if let error = ProviderScript(source: tenant.providerScript).syntaxError(tenant: tenant.id) {
                    problems.append(error.description)
                }
            }
            for line in problems { print(line) }
            let errors = problems.count - loaded.warnings.count
            print("\(loaded.tenants.count) tenants, \(errors) errors, \(loaded.warnings.count) warnings")
            return errors == 0 ? 0 : 78
        } catch {
            print(error.description)
            return 78
        }
    }
}
