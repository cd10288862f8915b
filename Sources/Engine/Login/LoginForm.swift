/// The fields of a `POST /login` body (SPEC §4.2), checked against `Limits`.
///
/// `username` and `password` are required (an empty value is allowed: the provider decides);
/// `location`, `mode`, `scope` and `csrf` default to empty, `mode` to `interceptor`. Unknown
/// fields are ignored; a repeated known field is an error. `description` never shows the password.
public struct LoginForm: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Field limits in UTF-8 bytes, counted after decoding.
    public struct Limits: Sendable, Equatable {
        /// Default: 256.
        public var username: Int
        /// Default: 1024.
        public var password: Int
        /// Default: 4096.
        public var location: Int
        /// `mode`, `scope` and `csrf` each. Default: 256.
        public var other: Int

        public init(username: Int = 256, password: Int = 1024, location: Int = 4096, other: Int = 256) {
            self.username = username
            self.password = password
            self.location = location
            self.other = other
        }
    }

    /// The body's media type, from `Content-Type`.
    public enum Encoding: Sendable, Equatable {
        case urlencoded, json

        /// The encoding a `Content-Type` value names, ignoring case and parameters (`; charset=UTF-8`).
        /// No header means urlencoded *(choice: what `curl -d` and HTML forms send)*.
        public init(contentType: String?) throws(LoginFormError) {
            guard let contentType else {
                self = .urlencoded
                return
            }
            let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingSpaces.lowercased()
            switch mediaType {
            case "application/x-www-form-urlencoded": self = .urlencoded
            case "application/json": self = .json
            default: throw .unsupportedMediaType
            }
        }
    }

    static let fields = ["username", "password", "location", "mode", "scope", "csrf"]

    public var username: String
    public var password: String
    /// Where to go after login; still to be checked with `RedirectTarget`.
    public var location: String
    /// Default: `interceptor`.
    public var mode: String
    public var scope: String
    public var csrf: String

    public init(username: String, password: String, location: String = "", mode: String = "interceptor",
                scope: String = "", csrf: String = "") {
        self.username = username
        self.password = password
        self.location = location
        self.mode = mode
        self.scope = scope
        self.csrf = csrf
    }

    /// Reads a body sent with `contentType`.
    public init(body: [UInt8], contentType: String?, limits: Limits = Limits()) throws(LoginFormError) {
        let values: [String: String]
        switch try Encoding(contentType: contentType) {
        case .urlencoded: values = try Self.urlencodedFields(body)
        case .json: values = try Self.jsonFields(body)
        }
        func field(_ name: String, limit: Int) throws(LoginFormError) -> String? {
            guard let value = values[name] else { return nil }
            guard value.utf8.count <= limit else { throw .tooLong(field: name, limit: limit) }
            return value
        }
        guard let username = try field("username", limit: limits.username) else { throw .missingField("username") }
        guard let password = try field("password", limit: limits.password) else { throw .missingField("password") }
        let mode = try field("mode", limit: limits.other) ?? ""
        self.init(username: username, password: password,
                  location: try field("location", limit: limits.location) ?? "",
                  mode: mode.isEmpty ? "interceptor" : mode,
                  scope: try field("scope", limit: limits.other) ?? "",
                  csrf: try field("csrf", limit: limits.other) ?? "")
    }

    public var description: String {
        "LoginForm(username: \"\(username)\", password: <hidden>, "
            + "location: \"\(location)\", mode: \"\(mode)\", scope: \"\(scope)\")"
    }

    public var debugDescription: String { description }

    /// `dump` and debuggers see the same fields as `description`: no password, no `csrf`.
    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "password": "<hidden>", "location": location,
                                "mode": mode, "scope": scope])
    }

    /// Known fields of `a=b&c=d` (HTML 5 §4.10.21.7): `+` is a space; a broken escape, bytes that
    /// are not UTF-8 or a pair without `=` make the whole body malformed.
    static func urlencodedFields(_ body: [UInt8]) throws(LoginFormError) -> [String: String] {
        guard let text = String(validating: body, as: UTF8.self) else { throw .malformed }
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = PercentEncoding.decode(parts[0], plusAsSpace: true),
                  let value = PercentEncoding.decode(parts[1], plusAsSpace: true) else { throw .malformed }
            guard fields.contains(name) else { continue }
            guard values.updateValue(value, forKey: name) == nil else { throw .duplicateField(name) }
        }
        return values
    }

    /// Known members of one JSON object; each must be a string.
    static func jsonFields(_ body: [UInt8]) throws(LoginFormError) -> [String: String] {
        // JSONValue refuses repeated keys in any object, so duplicates surface as malformed.
        guard case .object(let members)? = JSONValue(parsing: body) else { throw .malformed }
        var values: [String: String] = [:]
        for member in members where fields.contains(member.key) {
            guard case .string(let value) = member.value else { throw .notAString(member.key) }
            values[member.key] = value
        }
        return values
    }
}
