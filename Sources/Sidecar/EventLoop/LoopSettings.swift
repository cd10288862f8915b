import Protocol

/// Settings shared by every event loop. Durations are milliseconds of the monotonic clock.
struct LoopSettings: Sendable {
    /// A request (head and body) must arrive within this time of its first byte. Default: 10 s.
    var headerTimeout: Int64 = 10_000
    /// An idle keep-alive connection is closed after this time; longer than nginx's and Go's
    /// upstream idle timeouts, so the proxy closes first. Default: 75 s.
    var idleTimeout: Int64 = 75_000
    /// In-flight requests get this long to finish on shutdown. Default: 10 s.
    var drainTimeout: Int64 = 10_000
    /// Beyond this many connections new ones are closed at once. Default: 16,384.
    var maxConnections = 16_384
    /// A connection stops reading while this many response bytes wait for the peer. Default: 256 KiB.
    var outputHighWater = 256 * 1024
    /// After an error response the connection reads and discards for this long before closing,
    /// so the peer sees the response rather than a reset. Default: 2 s.
    var lingerTimeout: Int64 = 2_000
    var limits = DecoderLimits()
    /// TCP peers whose forwarded headers are trusted; Unix-socket peers always are.
    var trustedProxies: [CIDR] = CIDR.loopback
}
