import Glibc

/// The signing secret and older verify-only secrets (SPEC §1): `JWT_SECRET`, else
/// `$CREDENTIALS_DIRECTORY/jwt_secret`, else `--secret-file`. Never logged.
struct Secrets: Sendable {
    let current: [UInt8]
    let previous: [[UInt8]]
    /// Where the current secret came from, for the start-up log (never the value).
    let source: String

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func load(environment: [String: String], secretFile: String?) throws(Missing) -> Secrets {
        var current: [UInt8]?
        var source = ""
        if let value = environment["JWT_SECRET"], !value.isEmpty {
            current = Array(value.utf8)
            source = "JWT_SECRET"
        } else if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty,
                  let bytes = readSecretFile(directory + "/jwt_secret") {
            current = bytes
            source = "credential jwt_secret"
        } else if let secretFile {
            guard let bytes = readSecretFile(secretFile) else {
                throw Missing(description: "cannot read the secret file \"\(secretFile)\" (or it is empty)")
            }
            current = bytes
            source = "--secret-file"
        }
        guard let current else {
            throw Missing(description: "no JWT secret: set JWT_SECRET, a systemd credential jwt_secret, or --secret-file PATH")
        }
        var previous: [[UInt8]] = []
        if let list = environment["JWT_SECRET_PREVIOUS"], !list.isEmpty {
            previous = list.split(separator: ",").map { Array($0.utf8) }
        } else if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty,
                  let bytes = readSecretFile(directory + "/jwt_secret_previous") {
            previous = bytes.split(separator: UInt8(ascii: ",")).map { Array($0) }
        }
        return Secrets(current: current, previous: previous.filter { !$0.isEmpty }, source: source)
    }

    /// A file's bytes without one trailing newline; nil when unreadable or empty.
    static func readSecretFile(_ path: String) -> [UInt8]? {
        guard var bytes = FileReader.read(path, limit: 64 * 1024) else { return nil }
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes.isEmpty ? nil : bytes
    }
}
