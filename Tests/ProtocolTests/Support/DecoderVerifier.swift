import Testing
@testable import Protocol

/// Feeds one input to fresh decoders in many splits and checks that every
/// split gives the same outcome, after the manner of swift-nio's
/// `ByteToMessageDecoderVerifier`: whole, byte by byte, and random splits
/// from several fixed seeds.
enum DecoderVerifier {
    static let seeds: [UInt64] = [1, 7, 42, 1234, 0xDEAD_BEEF]

    /// The outcome of the whole input, after checking that all splits agree.
    static func verify(
        _ input: [UInt8], limits: DecoderLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> DecodeOutcome {
        let whole = decode(input, pieces: [input.count], limits: limits)
        let byteByByte = decode(input, pieces: Array(repeating: 1, count: input.count), limits: limits)
        #expect(byteByByte == whole, "byte by byte differs", sourceLocation: sourceLocation)
        for seed in seeds {
            let split = decode(input, pieces: randomPieces(total: input.count, seed: seed), limits: limits)
            #expect(split == whole, "random split (seed \(seed)) differs", sourceLocation: sourceLocation)
        }
        return whole
    }

    static func verify(
        _ input: String, limits: DecoderLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> DecodeOutcome {
        verify(Array(input.utf8), limits: limits, sourceLocation: sourceLocation)
    }

    /// Decodes `input` appended in pieces of the given sizes, calling `next()`
    /// after every append until it needs more bytes or fails.
    static func decode(_ input: [UInt8], pieces: [Int], limits: DecoderLimits) -> DecodeOutcome {
        var decoder = RequestDecoder(limits: limits)
        var outcome = DecodeOutcome(requests: [], error: nil)
        var offset = 0
        for size in pieces {
            decoder.append(input[offset..<(offset + size)])
            offset += size
            if drain(&decoder, into: &outcome) { break }
        }
        if outcome.error == nil {
            drain(&decoder, into: &outcome)
        }
        if let error = outcome.error {
            // A failed decoder stays failed, whatever comes next.
            decoder.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            #expect(throws: error) { try decoder.next() }
        }
        return outcome
    }

    /// Collects requests until nil or an error; true when an error was thrown.
    @discardableResult
    private static func drain(_ decoder: inout RequestDecoder, into outcome: inout DecodeOutcome) -> Bool {
        do {
            while let request = try decoder.next() {
                outcome.requests.append(DecodedRequest(request))
            }
            return false
        } catch {
            outcome.error = error
            return true
        }
    }

    /// Piece sizes summing to `total`: mostly small, sometimes large.
    static func randomPieces(total: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var pieces: [Int] = []
        var left = total
        while left > 0 {
            let cap = Int.random(in: 0..<4, using: &generator) == 0 ? 512 : 16
            let size = min(left, Int.random(in: 1...cap, using: &generator))
            pieces.append(size)
            left -= size
        }
        return pieces
    }
}
