/// Reads the claims the check needs from a payload without Foundation (≈ 20× cheaper than
/// `JSONDecoder`, see PLATFORM.md), checking that the whole payload is one strict JSON object.
struct PayloadScanner {
    var exp: Double?
    var iat: Double?
    var nbf: Double?
    var tenant: JSONString?
    var responsibility: JSONString?
    var user: JSONString?
    var sub: JSONString?
    /// The first claim the check reads that had the wrong JSON type.
    var invalidClaim: String?

    /// Scans `scanner`'s whole input; throws `.badPayload` unless it is one JSON object in which no
    /// claim read here appears twice, then `.invalidClaim` for the first claim of the wrong type.
    mutating func scan(_ scanner: inout JSONScanner) throws(TokenError) {
        var seen: UInt8 = 0
        let parsed = scanner.scanObject { scanner, key in
            guard let claim = Claim.of(key, in: scanner) else { return scanner.skipValue(depth: 1) }
            guard seen & claim.bit == 0 else { return false }
            seen |= claim.bit
            return read(claim, from: &scanner)
        }
        guard parsed, scanner.isFinished() else { throw .badPayload }
        if let invalidClaim { throw .invalidClaim(invalidClaim) }
    }

    private mutating func read(_ claim: Claim, from scanner: inout JSONScanner) -> Bool {
        switch claim {
        case .exp, .iat, .nbf:
            guard let first = scanner.peek(), first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else {
                return mark(claim, in: &scanner)
            }
            guard let value = scanner.scanDouble() else { return false }
            guard value.isFinite else {
                invalidClaim = invalidClaim ?? claim.name.description
                return true
            }
            switch claim {
            case .exp: exp = value
            case .iat: iat = value
            default: nbf = value
            }
        case .tenant, .responsibility, .user, .sub:
            guard scanner.peek() == UInt8(ascii: "\"") else { return mark(claim, in: &scanner) }
            guard let value = scanner.scanString() else { return false }
            switch claim {
            case .tenant: tenant = value
            case .responsibility: responsibility = value
            case .user: user = value
            default: sub = value
            }
        }
        return true
    }

    /// Notes a claim of the wrong type and skips its value.
    private mutating func mark(_ claim: Claim, in scanner: inout JSONScanner) -> Bool {
        invalidClaim = invalidClaim ?? claim.name.description
        return scanner.skipValue(depth: 1)
    }

    /// The claims read on the hot path.
    enum Claim {
        case exp, iat, nbf, tenant, responsibility, user, sub

        var name: StaticString {
            switch self {
            case .exp: "exp"
            case .iat: "iat"
            case .nbf: "nbf"
            case .tenant: "tenant"
            case .responsibility: "responsibility"
            case .user: "user"
            case .sub: "sub"
            }
        }

        var bit: UInt8 {
            switch self {
            case .exp: 1
            case .iat: 2
            case .nbf: 4
            case .tenant: 8
            case .responsibility: 16
            case .user: 32
            case .sub: 64
            }
        }

        /// The claim `key` names, if the check reads it; unescaped keys are told apart by length
        /// and first byte before one comparison.
        static func of(_ key: JSONString, in scanner: JSONScanner) -> Claim? {
            guard !key.range.isEmpty else { return nil }
            guard !key.hasEscapes else {
                return [Claim.exp, .iat, .nbf, .tenant, .responsibility, .user, .sub].first {
                    scanner.string(key, equals: $0.name)
                }
            }
            let candidate: Claim
            switch (key.range.count, scanner.bytes[key.range.lowerBound]) {
            case (3, UInt8(ascii: "e")): candidate = .exp
            case (3, UInt8(ascii: "i")): candidate = .iat
            case (3, UInt8(ascii: "n")): candidate = .nbf
            case (3, UInt8(ascii: "s")): candidate = .sub
            case (4, UInt8(ascii: "u")): candidate = .user
            case (6, UInt8(ascii: "t")): candidate = .tenant
            case (14, UInt8(ascii: "r")): candidate = .responsibility
            default: return nil
            }
            return scanner.string(key, equals: candidate.name) ? candidate : nil
        }
    }
}
