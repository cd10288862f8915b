extension ProviderRuntime {
    /// Reads a committed `UserLoginProvider`: `canLogin` decides; then
    /// `userProfile`, `role` and `roles`, each bounded by `ProviderLimits`.
    func loginResult(of provider: JSValueHandle, run: ProviderRun,
                     deadline: ContinuousClock.Instant) throws(ProviderFailure) -> LoginOutcome {
        func read(_ name: String) throws(ProviderFailure) -> JSValueHandle {
            try javaScript(deadline) { () throws(JSException) in try provider.property(name) }
        }
        guard try read("canLogin").truthy else { return .denied }
        return .allowed(subject: run.subject,
                        profileJSON: try profile(try read("userProfile"), deadline: deadline),
                        role: try role(try read("role")),
                        roles: try roles(try read("roles"), deadline: deadline))
    }

    /// `JSON.stringify(userProfile)`; nil for undefined, null and functions.
    private func profile(_ value: JSValueHandle, deadline: ContinuousClock.Instant) throws(ProviderFailure) -> String? {
        guard !value.isUndefinedOrNull else { return nil }
        let limit = limits.profileJSONBytes
        let json: JSValueHandle.StringRead
        do throws(JSException) { json = try value.json(limit: limit) } catch {
            let cause = failure(error, deadline: deadline)
            if case .threw(let message) = cause { throw .badResult("userProfile is not JSON: \(message)") }
            throw cause
        }
        switch json {
        case .notString: return nil
        case .text(let text) where text.utf8.count <= limit: return text
        case .text, .tooLong: throw .badResult("userProfile is larger than \(limit) bytes as JSON")
        }
    }

    /// A non-empty string, else "default" (as Uitsmijter).
    private func role(_ value: JSValueHandle) throws(ProviderFailure) -> String {
        let limit = limits.roleBytes
        switch value.string(limit: limit) {
        case .notString, .text(""): return "default"
        case .text(let role) where role.utf8.count <= limit: return role
        case .text, .tooLong: throw .badResult("role is longer than \(limit) bytes")
        }
    }

    /// An array of strings, or nil when undefined or null.
    private func roles(_ value: JSValueHandle, deadline: ContinuousClock.Instant) throws(ProviderFailure) -> [String]? {
        guard !value.isUndefinedOrNull else { return nil }
        guard value.isArray else { throw .badResult("roles is not an array") }
        let length = try javaScript(deadline) { () throws(JSException) in try value.property("length").number ?? 0 }
        guard length <= Double(limits.rolesCount) else {
            throw .badResult("roles has more than \(limits.rolesCount) entries")
        }
        var roles: [String] = []
        let limit = limits.roleEntryBytes
        for index in 0..<Int(length) {
            let entry = try javaScript(deadline) { () throws(JSException) in try value.element(index) }
            switch entry.string(limit: limit) {
            case .text(let role) where role.utf8.count <= limit: roles.append(role)
            case .notString: throw .badResult("roles[\(index)] is not a string")
            case .text, .tooLong: throw .badResult("roles[\(index)] is longer than \(limit) bytes")
            }
        }
        return roles
    }
}
