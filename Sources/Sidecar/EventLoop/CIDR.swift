/// An IPv4 or IPv6 network such as `127.0.0.0/8` or `::1`, for `--trusted-proxy`.
struct CIDR: Equatable, Sendable, CustomStringConvertible {
    /// 16 bytes; IPv4 networks are stored as IPv4-mapped IPv6 (`::ffff:a.b.c.d`).
    let address: [UInt8]
    let prefixLength: Int

    static let loopback: [CIDR] = [CIDR("127.0.0.0/8")!, CIDR("::1")!]

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let host = String(parts[0])
        if let v4 = CIDR.parseIPv4(host) {
            address = CIDR.mapped(v4)
            guard let length = parts.count == 2 ? Int(parts[1]) : 32, (0...32).contains(length) else { return nil }
            prefixLength = length + 96
        } else if let v6 = CIDR.parseIPv6(host) {
            address = v6
            guard let length = parts.count == 2 ? Int(parts[1]) : 128, (0...128).contains(length) else { return nil }
            prefixLength = length
        } else {
            return nil
        }
    }

    /// Whether `peer` (4 or 16 bytes) lies inside this network.
    func contains(_ peer: [UInt8]) -> Bool {
        let candidate = peer.count == 4 ? CIDR.mapped(peer) : peer
        guard candidate.count == 16 else { return false }
        var remaining = prefixLength
        for index in 0..<16 where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if candidate[index] & mask != address[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    var description: String { CIDR.describe(address) + "/\(prefixLength - (isIPv4 ? 96 : 0))" }

    private var isIPv4: Bool { address.prefix(12).elementsEqual(CIDR.mapped([0, 0, 0, 0]).prefix(12)) && prefixLength >= 96 }

    /// Text form of a 16-byte address; IPv4-mapped addresses print as dotted quads.
    static func describe(_ address: [UInt8]) -> String {
        if address.prefix(12) == CIDR.mapped([0, 0, 0, 0]).prefix(12) {
            return address.suffix(4).map(String.init).joined(separator: ".")
        }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(address[index]) << 8 | UInt16(address[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }

    static func mapped(_ v4: [UInt8]) -> [UInt8] { [UInt8](repeating: 0, count: 10) + [0xff, 0xff] + v4 }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCII), let value = UInt8(octet) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}
