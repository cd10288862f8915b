/// Reads one YAML document in either of Uitsmijter's tenant shapes, collecting every problem.
///
/// File shape: `name`, `config: {…}`; id = name. Kubernetes shape: `apiVersion: uitsmijter.io/v1`,
/// `kind: Tenant`, `metadata: {name, namespace}`, `spec: {…}`; id = `namespace/name` or `name`.
/// Documents of other kinds are not tenants. Pure: reads nodes, writes `problems`.
struct TenantDocumentDecoder {
    /// A valid host pattern and where it was written, for the cross-tenant check.
    struct HostClaim {
        var host: String
        var path: String
        /// `path ("value")` as written, for messages.
        var subject: String
        var mark: YAMLMark
    }

    /// What one tenant document gave: the tenant when it had no errors, and what later checks need.
    struct Decoded {
        var tenant: Tenant?
        var id: String?
        var idPath: String
        var idMark: YAMLMark
        var claims: [HostClaim]
    }

    static let apiVersion = "uitsmijter.io/v1"

    let file: String
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    /// Decodes `document`; `nil` when it is not a tenant (another `kind`).
    mutating func decode(_ document: YAMLNode) -> Decoded? {
        let firstProblem = problems.count
        guard let root = fields(document, path: "") else { return nil }
        let decoded: Decoded?
        if root.entries.contains(where: { $0.name == "kind" || $0.name == "apiVersion" }) {
            decoded = decodeKubernetes(root)
        } else {
            decoded = decodeFile(root)
        }
        // Name every problem of this document after its tenant, once the id is known.
        if let id = decoded?.id {
            for index in problems.indices[firstProblem...] where problems[index].tenant == nil {
                problems[index].tenant = id
            }
        }
        return decoded
    }

    private mutating func decodeFile(_ root: Fields) -> Decoded {
        let name = requiredName(root["name"], "name", in: root)
        warnUnknown(root, known: ["name", "config"])
        var decoded = Decoded(tenant: nil, id: name, idPath: "name",
                              idMark: root["name"]?.mark ?? root.node.mark, claims: [])
        guard let configNode = root["config"] else {
            error(root.node, "config", "config is required")
            return decoded
        }
        guard let config = fields(configNode, path: "config") else { return decoded }
        let spec = decodeSpec(config, claims: &decoded.claims)
        if let name, let spec {
            decoded.tenant = spec.tenant(id: name, name: name, namespace: nil)
        }
        return decoded
    }

    private mutating func decodeKubernetes(_ root: Fields) -> Decoded? {
        if let kindNode = root["kind"] {
            guard let kind = string(kindNode, "kind") else { return nil }
            guard kind == "Tenant" else { return nil }
        } else {
            error(root.node, "kind", "kind is required")
            return nil
        }
        if let versionNode = root["apiVersion"] {
            if versionNode.scalar != Self.apiVersion {
                error(versionNode, "apiVersion", "\(Self.subject("apiVersion", versionNode)) must be \"\(Self.apiVersion)\"")
            }
        } else {
            error(root.node, "apiVersion", "apiVersion is required")
        }
        warnUnknown(root, known: ["apiVersion", "kind", "metadata", "spec", "status"])

        var decoded = Decoded(tenant: nil, id: nil, idPath: "metadata.name", idMark: root.node.mark, claims: [])
        var name: String?
        var namespace: String?
        var namespaceValid = true
        if let metadataNode = root["metadata"] {
            // Other metadata (labels, annotations, uid, …) belongs to Kubernetes and is not checked.
            if let metadata = fields(metadataNode, path: "metadata") {
                name = requiredName(metadata["name"], "metadata.name", in: metadata)
                decoded.idMark = metadata["name"]?.mark ?? metadata.node.mark
                if let namespaceNode = metadata["namespace"] {
                    namespace = requiredName(namespaceNode, "metadata.namespace", in: metadata)
                    namespaceValid = namespace != nil
                }
            }
        } else {
            error(root.node, "metadata", "metadata is required")
        }
        if let name, namespaceValid {
            decoded.id = namespace.map { "\($0)/\(name)" } ?? name
        }
        guard let specNode = root["spec"] else {
            error(root.node, "spec", "spec is required")
            return decoded
        }
        guard let specFields = fields(specNode, path: "spec") else { return decoded }
        let spec = decodeSpec(specFields, claims: &decoded.claims)
        if let id = decoded.id, let name, let spec {
            decoded.tenant = spec.tenant(id: id, name: name, namespace: namespace)
        }
        return decoded
    }

    mutating func error(_ node: YAMLNode, _ path: String, _ message: String) {
        report(.error, node.mark, path, message)
    }

    mutating func warning(_ node: YAMLNode, _ path: String, _ message: String) {
        report(.warning, node.mark, path, message)
    }

    private mutating func report(_ severity: ConfigurationProblem.Severity, _ mark: YAMLMark, _ path: String, _ message: String) {
        problems.append(ConfigurationProblem(severity: severity, file: file, line: mark.line, column: mark.column,
                                             tenant: nil, path: path, message: message))
    }
}
