import Engine

/// Reads the tenants directory (SPEC §7): `*.yaml`/`*.yml`, hidden files skipped.
enum TenantDirectory {
    /// A file larger than this is refused rather than read. Default: 1 MiB.
    static let fileLimit = 1024 * 1024

    enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case invalid(ConfigurationError)

        var description: String {
            switch self {
            case .missing(let path):
                "tenants directory \"\(path)\" does not exist; create it or set --tenants / TENANTS_DIR"
            case .invalid(let error):
                error.description
            }
        }
    }

    static func load(_ path: String) throws(LoadError) -> (tenants: Tenants, warnings: [ConfigurationProblem]) {
        guard FileReader.isDirectory(path), let names = FileReader.list(path) else { throw .missing(path) }
        var files: [(fileName: String, text: String)] = []
        for name in names where TenantsLoader.isTenantFile(named: name) {
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            guard let bytes = FileReader.read(full, limit: fileLimit) else {
                throw .invalid(ConfigurationError(problems: [
                    ConfigurationProblem(severity: .error, file: full, line: 0, column: 0, tenant: nil, path: "",
                                         message: "cannot be read, or is larger than 1 MiB")]))
            }
            files.append((full, String(decoding: bytes, as: UTF8.self)))
        }
        do {
            return try TenantsLoader.load(files)
        } catch {
            throw .invalid(error)
        }
    }
}
