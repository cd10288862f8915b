import Testing
@testable import Engine

/// Random and mutated inputs: parsing and loading may fail, but must never crash or hang.
@Suite struct FuzzTests {
    /// SplitMix64: a seeded generator, so a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that steer libyaml into its interesting states, plus arbitrary bytes.
    static let alphabet: [UInt8] = Array("-:[]{},&*!|>'\"#%@`?~ \t\n\r\\.0aT".utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF]

    @Test(arguments: 0..<4)
    func randomBytesNeverCrash(seed: UInt64) {
        var generator = SeededGenerator(state: seed)
        var parsed = 0
        for _ in 0..<1_500 {
            let length = Int.random(in: 0...120, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? Self.alphabet.randomElement(using: &generator) ?? 0
                    : UInt8.random(in: 0...255, using: &generator)
            }
            if (try? YAMLParser.parse(utf8: bytes)) != nil { parsed += 1 }
            _ = try? TenantsLoader.load([("fuzz.yaml", String(decoding: bytes, as: UTF8.self))])
        }
        #expect(parsed > 0) // some inputs are valid YAML, so the success path ran too
    }

    @Test(arguments: ["Valid", "Broken", "Warnings"])
    func mutatedFixturesNeverCrash(directory: String) throws {
        var generator = SeededGenerator(state: 42)
        for file in try Fixture.tenantFiles(directory) {
            let original = Array(file.text.utf8)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0...Int.random(in: 0...3, using: &generator) where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: bytes[index] = Self.alphabet.randomElement(using: &generator) ?? 0
                    case 1: bytes.remove(at: index)
                    default: bytes.removeSubrange(index...)
                    }
                }
                _ = try? TenantsLoader.load([(file.fileName, String(decoding: bytes, as: UTF8.self))])
            }
        }
    }
}
