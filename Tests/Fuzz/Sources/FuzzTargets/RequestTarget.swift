import Protocol

/// (1) RequestDecoder: the same bytes fed whole and split in two must decode to the same
/// requests and end the same way (same error, or both waiting for more bytes).
enum RequestTarget {
    struct Decoded: Equatable, CustomStringConvertible {
        var method: [UInt8]
        var target: [UInt8]
        var version: String
        var headers: [[String]]
        var body: [UInt8]
        var keepAlive: Bool

        init(_ request: Request) {
            method = Array(request.methodBytes)
            target = Array(request.targetBytes)
            version = "\(request.version)"
            headers = request.headers.map { [$0.name, $0.value] }
            body = request.body
            keepAlive = request.keepAlive
        }

        var description: String {
            "\(String(decoding: method, as: UTF8.self)) \(String(decoding: target, as: UTF8.self)) \(version) "
                + "headers=\(headers) body=\(body.count)B keepAlive=\(keepAlive)"
        }
    }

    enum End: Equatable { case needsMore(idle: Bool), failed(ParseError) }

    struct Outcome: Equatable { var requests: [Decoded] = []; var end = End.needsMore(idle: true) }

    static func run(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let whole = decode([data[...]])
        let split = Int(first) % (data.count + 1)
        let parts = decode([data[..<split], data[split...]])
        guard whole == parts else {
            violated("whole vs split at \(split) of \(data.count):\n  whole: \(whole)\n  split: \(parts)")
        }
        // A second split derived from the second byte: three pieces.
        if data.count > 2 {
            let second = split + Int(data[1]) % (data.count - split + 1)
            let three = decode([data[..<split], data[split..<second], data[second...]])
            guard whole == three else {
                violated("whole vs split at \(split),\(second) of \(data.count):\n  whole: \(whole)\n  split: \(three)")
            }
        }
    }

    static func decode(_ pieces: [ArraySlice<UInt8>]) -> Outcome {
        var decoder = RequestDecoder()
        var outcome = Outcome()
        for piece in pieces {
            decoder.append(piece)
            do {
                while let request = try decoder.next() { outcome.requests.append(Decoded(request)) }
            } catch {
                outcome.end = .failed(error)
                return outcome
            }
        }
        outcome.end = .needsMore(idle: decoder.isIdle)
        return outcome
    }
}
