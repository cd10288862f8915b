import Engine

/// (2) TokenVerifier: the fuzzer cannot forge HMAC-SHA256, so nothing it makes may verify,
/// except the PyJWT vectors it was seeded with (genuinely signed).
enum TokenTarget {
    static let verifier = TokenVerifier(secret: Array(Vectors.secret.utf8),
                                        previousSecrets: Vectors.previous.map { Array($0.utf8) })

    static func run(_ data: [UInt8]) {
        for responsibility in [nil, "5042d146667518a1a5017644946b8650aafca44c"] {
            guard let verified = try? verifier.verify(data, now: Vectors.now, tenant: "shop",
                                                      responsibility: responsibility) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard Vectors.tokens.contains(text), Array(text.utf8) == data else {
                violated("a token that is not one of the signed vectors verified: \(verified)")
            }
        }
    }
}
