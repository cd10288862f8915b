extension Claims {
    /// Registered and Uitsmijter claims, in the order they are written.
    static let names = ["iss", "sub", "aud", "exp", "iat", "auth_time", "tenant", "role", "user", "scope",
                        "profile", "responsibility", "roles"]

    /// NumericDates beyond ±10^12 s (about 31,700 years) are refused, so writing one as whole
    /// seconds can never overflow.
    static let dateLimit = 1e12

    /// Reads a payload: one strict JSON object (`.badPayload` otherwise). `iss`, `sub`, `aud`,
    /// `exp`, `iat`, `auth_time`, `tenant` and `user` are required, as Uitsmijter's decoder
    /// requires them; `role` and `scope` default; a claim of the wrong type is `.invalidClaim`.
    public init(json: [UInt8]) throws(TokenError) {
        guard case .object(let members)? = JSONValue(parsing: json) else { throw .badPayload }
        var known = [String: JSONValue]()
        var other = [JSONMember]()
        for member in members {
            if Self.names.contains(member.key) { known[member.key] = member.value } else { other.append(member) }
        }
        func string(_ name: String) throws(TokenError) -> String {
            guard case .string(let value)? = known[name] else { throw .invalidClaim(name) }
            return value
        }
        func date(_ name: String) throws(TokenError) -> Double {
            guard case .number(let text)? = known[name], let value = Double(text), abs(value) < Self.dateLimit else {
                throw .invalidClaim(name)
            }
            return value
        }
        func strings(_ values: [JSONValue], _ name: String) throws(TokenError) -> [String] {
            var result = [String]()
            for value in values {
                guard case .string(let text) = value else { throw .invalidClaim(name) }
                result.append(text)
            }
            return result
        }
        let iss = try string("iss"), sub = try string("sub")
        let aud: Audience
        switch known["aud"] {
        case .string(let value)?: aud = .one(value)
        case .array(let values)?: aud = .many(try strings(values, "aud"))
        default: throw .invalidClaim("aud")
        }
        var roles: [String]?
        switch known["roles"] {
        case nil: roles = nil
        case .array(let values)?: roles = try strings(values, "roles")
        default: throw .invalidClaim("roles")
        }
        var responsibility: String?
        if known["responsibility"] != nil { responsibility = try string("responsibility") }
        self.init(iss: iss, sub: sub, aud: aud, exp: try date("exp"),
                  iat: try date("iat"), authTime: try date("auth_time"), tenant: try string("tenant"),
                  role: known["role"] == nil ? "default" : try string("role"), user: try string("user"),
                  scope: known["scope"] == nil ? "" : try string("scope"), profile: known["profile"],
                  responsibility: responsibility, roles: roles, other: other)
    }

    /// `value` rounded down to whole seconds, clamped to `±dateLimit` (0 for NaN). Written by hand:
    /// `Double.rounded` needs libm, which the Engine does not link without Foundation.
    static func wholeSeconds(_ value: Double) -> Int64 {
        guard !value.isNaN else { return 0 }
        let clamped = min(max(value, -dateLimit), dateLimit)
        let truncated = Int64(clamped)
        return Double(truncated) > clamped ? truncated - 1 : truncated
    }

    /// The payload as compact JSON: known claims first in `names` order, then `other`.
    public var json: [UInt8] {
        func date(_ value: Double) -> JSONValue { .number(String(Self.wholeSeconds(value))) }
        var members: [JSONMember] = [
            JSONMember("iss", .string(iss)),
            JSONMember("sub", .string(sub)),
            JSONMember("aud", aud.json),
            JSONMember("exp", date(exp)),
            JSONMember("iat", date(iat)),
            JSONMember("auth_time", date(authTime)),
            JSONMember("tenant", .string(tenant)),
            JSONMember("role", .string(role)),
            JSONMember("user", .string(user)),
            JSONMember("scope", .string(scope)),
        ]
        if let profile { members.append(JSONMember("profile", profile)) }
        if let responsibility { members.append(JSONMember("responsibility", .string(responsibility))) }
        if let roles { members.append(JSONMember("roles", .array(roles.map(JSONValue.string)))) }
        return JSONValue.object(members + other).encoded
    }
}

extension Audience {
    var json: JSONValue {
        switch self {
        case .one(let value): .string(value)
        case .many(let values): .array(values.map(JSONValue.string))
        }
    }
}
