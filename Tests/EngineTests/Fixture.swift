import Foundation
@testable import Engine

/// Tenant fixture files under `Fixtures/Tenants/<directory>`, read the way the Sidecar reads a tenants directory.
enum Fixture {
    struct Missing: Error {}

    static func tenantFiles(_ directory: String) throws -> [(fileName: String, text: String)] {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { throw Missing() }
        let folder = fixtures.appendingPathComponent("Tenants").appendingPathComponent(directory)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter(TenantsLoader.isTenantFile(named:))
            .sorted()
            .map { name in (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) }
    }

    /// Every problem line of loading `directory`, errors or not.
    static func problemLines(_ directory: String) throws -> [String] {
        do {
            return try TenantsLoader.load(tenantFiles(directory)).warnings.map(\.description)
        } catch let error as ConfigurationError {
            return error.problems.map(\.description)
        }
    }
}
