/// Why a `POST /login` body was refused. Descriptions name fields, never their values, so
/// they are safe to log (a password can never appear in one).
public enum LoginFormError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `Content-Type` is neither `application/x-www-form-urlencoded` nor `application/json` (→ 415).
    case unsupportedMediaType
    /// Not a well-formed urlencoded body or one JSON object, or not UTF-8 (→ 400).
    case malformed
    /// A required field (`username`, `password`) is missing.
    case missingField(String)
    /// A field appears twice (parameter pollution).
    case duplicateField(String)
    /// A JSON member is not a string.
    case notAString(String)
    /// A field exceeds its limit in UTF-8 bytes.
    case tooLong(field: String, limit: Int)

    public var description: String {
        switch self {
        case .unsupportedMediaType:
            "The login form must be sent as application/x-www-form-urlencoded or application/json."
        case .malformed:
            "The login form is not a well-formed body."
        case .missingField(let field):
            "The login form has no \"\(field)\" field."
        case .duplicateField(let field):
            "The login form has the \"\(field)\" field more than once."
        case .notAString(let field):
            "The login form's \"\(field)\" field must be a string."
        case .tooLong(let field, let limit):
            "The login form's \"\(field)\" field is longer than \(limit) bytes."
        }
    }
}
