/// Turns the texts of tenant files into `Tenants`, or into every problem at once.
///
/// Pure: the caller reads the directory (`isTenantFile(named:)` says which names count)
/// and passes name and text; nothing here touches the file system.
public enum TenantsLoader {
    /// Whether a directory entry is a tenant file: `*.yaml` or `*.yml`, not hidden.
    public static func isTenantFile(named name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    /// Parses and validates every tenant document of `files`; empty documents are skipped.
    ///
    /// Files are read in name order, so "already claimed" points at the same place on every run.
    /// Throws every error and warning, sorted, when there is any error; otherwise returns the
    /// tenants and the warnings, sorted. No files, or no tenants in them, is a warning.
    public static func load(_ files: [(fileName: String, text: String)])
        throws(ConfigurationError) -> (tenants: Tenants, warnings: [ConfigurationProblem]) {
        var problems: [ConfigurationProblem] = []
        var decoded: [(file: String, document: TenantDocumentDecoder.Decoded)] = []
        for file in files.sorted(by: { $0.fileName < $1.fileName }) {
            let documents: [YAMLNode]
            do {
                documents = try YAMLParser.parse(file.text)
            } catch {
                problems.append(ConfigurationProblem(severity: .error, file: file.fileName, line: error.mark.line,
                                                     column: error.mark.column, tenant: nil, path: "",
                                                     message: error.message))
                continue
            }
            var decoder = TenantDocumentDecoder(file: file.fileName)
            for document in documents where !document.isNull {
                if let tenant = decoder.decode(document) { decoded.append((file.fileName, tenant)) }
            }
            problems += decoder.problems
        }
        problems += conflicts(decoded)

        guard !problems.contains(where: { $0.severity == .error }) else {
            throw ConfigurationError(problems: problems)
        }
        let tenants = decoded.compactMap(\.document.tenant)
        if tenants.isEmpty {
            problems.append(ConfigurationProblem(severity: .warning, file: "", line: 0, column: 0, tenant: nil, path: "",
                                                 message: "no tenants are configured, so every check answers 403"))
        }
        return (Tenants(validated: tenants), problems.sorted())
    }

    /// Tenant ids defined twice and host patterns claimed by two tenants, reported at the later place.
    private static func conflicts(_ decoded: [(file: String, document: TenantDocumentDecoder.Decoded)]) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        var ids: [String: String] = [:]
        var hosts: [String: (tenant: String, place: String)] = [:]
        for (file, document) in decoded {
            guard let id = document.id else { continue }
            if let earlier = ids[id] {
                problems.append(ConfigurationProblem(
                    severity: .error, file: file, line: document.idMark.line, column: document.idMark.column,
                    tenant: id, path: document.idPath,
                    message: "the tenant id \"\(id)\" is already defined at \(earlier)"))
            } else {
                ids[id] = "\(file):\(document.idMark)"
            }
            for claim in document.claims {
                if let earlier = hosts[claim.host] {
                    guard earlier.tenant != id else { continue } // the same tenant defined twice: reported above
                    problems.append(ConfigurationProblem(
                        severity: .error, file: file, line: claim.mark.line, column: claim.mark.column,
                        tenant: id, path: claim.path,
                        message: "\(claim.subject) is already claimed by tenant \"\(earlier.tenant)\" at \(earlier.place)"))
                } else {
                    hosts[claim.host] = (id, "\(file):\(claim.mark)")
                }
            }
        }
        return problems
    }
}
