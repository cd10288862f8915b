import Foundation
import Testing
@testable import Engine

/// Rough cost of the hot path. Not a timed test (SPEC §9): it only prints. Run with
/// `TOKEN_BENCH=200000 swift test -c release --filter TokenBenchmarkTests` (the value is the number
/// of iterations; use a small one under `valgrind --tool=callgrind`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOKEN_BENCH"] != nil))
struct TokenBenchmarkTests {
    static func nanoseconds(_ iterations: Int, _ body: () -> Void) -> Double {
        for _ in 0..<iterations / 10 { body() }
        let start = ContinuousClock.now
        for _ in 0..<iterations { body() }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.attoseconds / 1_000_000_000 + elapsed.components.seconds * 1_000_000_000)
            / Double(iterations)
    }

    @Test func validVerify() throws {
        let issuer = try TokenIssuer(secret: TokenBuilder.secret)
        let claims = Claims(iss: "https://login.example.net", sub: "alice@example.net", exp: TokenBuilder.now + 3600,
                            iat: TokenBuilder.now, authTime: TokenBuilder.now, tenant: "shop", role: "user", user: "alice",
                            profile: .object([JSONMember("name", .string("Alice Example"))]),
                            responsibility: TokenBuilder.responsibility)
        let token = issuer.issue(claims)
        let verifier = TokenVerifier(secret: TokenBuilder.secret)
        let responsibility = TokenBuilder.responsibility
        let n = Int(ProcessInfo.processInfo.environment["TOKEN_BENCH"] ?? "") ?? 200_000
        var sink = 0
        let verify = Self.nanoseconds(n) {
            if let v = try? verifier.verify(Substring(token), now: TokenBuilder.now, tenant: "shop",
                                            responsibility: responsibility) { sink &+= v.user?.utf8.count ?? 0 }
        }
        let message = Array(token.utf8.prefix(while: { $0 != UInt8(ascii: ".") }))
        let hmac = Self.nanoseconds(n) { sink &+= Int(HS256.sign(message, key: TokenBuilder.secret)[0]) }
        let payload = claims.json
        let scan = Self.nanoseconds(n) {
            payload.withUnsafeBytes { bytes in
                var scanner = JSONScanner(bytes)
                var scanned = PayloadScanner()
                if (try? scanned.scan(&scanner)) != nil { sink &+= Int(scanned.exp ?? 0) }
            }
        }
        struct Hot: Decodable { let exp: Double; let tenant: String; let responsibility: String?; let user: String? }
        let data = Data(payload)
        let decoder = JSONDecoder()
        let foundation = Self.nanoseconds(n / 10) { sink &+= Int((try? decoder.decode(Hot.self, from: data))?.exp ?? 0) }
        print("token \(token.utf8.count) B: verify \(Int(verify)) ns; HMAC-SHA256 alone \(Int(hmac)) ns; "
              + "payload scan \(Int(scan)) ns vs JSONDecoder \(Int(foundation)) ns (\(sink % 2))")
    }
}
