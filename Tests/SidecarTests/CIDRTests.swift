import Testing
@testable import Sidecar

@Suite struct CIDRTests {
    @Test(arguments: [
        ("127.0.0.0/8", [127, 0, 0, 1], true),
        ("127.0.0.0/8", [128, 0, 0, 1], false),
        ("10.1.2.3", [10, 1, 2, 3], true),
        ("10.1.2.3", [10, 1, 2, 4], false),
        ("0.0.0.0/0", [8, 8, 8, 8], true),
        ("192.168.0.0/23", [192, 168, 1, 200], true),
        ("192.168.0.0/23", [192, 168, 2, 1], false),
    ] as [(String, [UInt8], Bool)])
    func ipv4(network: String, peer: [UInt8], inside: Bool) throws {
        let cidr = try #require(CIDR(network))
        #expect(cidr.contains(peer) == inside)
    }

    @Test func ipv6() throws {
        let loopback = try #require(CIDR("::1"))
        var one = [UInt8](repeating: 0, count: 16)
        one[15] = 1
        #expect(loopback.contains(one))
        one[15] = 2
        #expect(!loopback.contains(one))
        let network = try #require(CIDR("fd00::/8"))
        #expect(network.contains([0xfd] + [UInt8](repeating: 7, count: 15)))
        #expect(!network.contains([0xfe] + [UInt8](repeating: 7, count: 15)))
        // An IPv4 network matches IPv4-mapped IPv6 peers, and only those.
        let v4 = try #require(CIDR("127.0.0.0/8"))
        #expect(v4.contains(CIDR.mapped([127, 0, 0, 9])))
        #expect(!v4.contains(one))
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/", "1.2.3.4/x", "::1::2", "1:2:3:4:5:6:7:8:9",
                      "gggg::1", "01234::", "1.2.3.4/8/8", " 1.2.3.4"])
    func rejects(text: String) {
        #expect(CIDR(text) == nil)
    }

    @Test func describes() throws {
        #expect(try #require(CIDR("127.0.0.0/8")).description == "127.0.0.0/8")
        #expect(try #require(CIDR("::1")).description == "0:0:0:0:0:0:0:1/128")
    }
}

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("unix:/run/a.sock", ListenAddress.unix(path: "/run/a.sock")),
        ("tcp:127.0.0.1:80", .tcp(host: "127.0.0.1", port: 80)),
        ("tcp:[::1]:9000", .tcp(host: "::1", port: 9000)),
    ])
    func parses(text: String, address: ListenAddress) {
        #expect(ListenAddress(text) == address)
        #expect(ListenAddress(text)?.description == text)
    }

    @Test(arguments: ["unix:", "unix:a.sock", "tcp:1.2.3.4", "tcp::80", "tcp:1.2.3.4:0", "udp:1.2.3.4:5",
                      "unix:/" + String(repeating: "a", count: 120)])
    func rejects(text: String) {
        #expect(ListenAddress(text) == nil)
    }
}
