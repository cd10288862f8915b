@testable import Engine

/// Bytes from a hex string written in a test (never input from outside).
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).map { index in
        UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) ?? 0
    }
}

/// Builds compact tokens by hand, so tests can make any header, payload or signature.
enum TokenBuilder {
    static let secret = Array("test secret, at least thirty-two bytes long".utf8)
    static let now = 1_733_300_000.0
    static let tenant = "shop"
    static var responsibility: String { Responsibility.of(tenantName: tenant) }
    static let header = #"{"alg":"HS256","typ":"JWT"}"#

    /// `header.payload.signature`, signed with `key` (default: `secret`).
    static func token(header: String = header, payload: String, key: [UInt8] = secret) -> String {
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return signingInput + "." + Base64URL.encode(HS256.sign(Array(signingInput.utf8), key: key))
    }

    /// A payload with a valid `exp`, `tenant` and `responsibility`, plus `extra` members
    /// (a leading comma is added).
    static func payload(exp: String = "1733303600", tenant: String = "\"shop\"",
                        responsibility: String? = nil, extra: String = "") -> String {
        let resp = responsibility ?? "\"\(Self.responsibility)\""
        return #"{"exp":\#(exp),"tenant":\#(tenant),"responsibility":\#(resp),"user":"alice","sub":"alice@example.net""#
            + (extra.isEmpty ? "" : "," + extra) + "}"
    }
}
