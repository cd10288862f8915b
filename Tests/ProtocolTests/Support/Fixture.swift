import Foundation
import Testing

/// Raw bytes of a file in `Tests/ProtocolTests/Fixtures`.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "http", subdirectory: "Fixtures"),
                               "fixture \(name).http is missing")
        return Array(try Data(contentsOf: url))
    }
}
