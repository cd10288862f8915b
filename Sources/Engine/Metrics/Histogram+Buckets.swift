extension Histogram {
    /// Upper bounds in seconds for work the sidecar does itself: 50 µs … 1 s.
    public static let requestDurationBuckets: [Double] = [
        0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    ]

    /// Upper bounds in seconds for JavaScript providers, which may call out with `fetch`: 1 ms … 30 s.
    public static let providerDurationBuckets: [Double] = [
        0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
    ]

    /// swift-prometheus's default bounds, which Uitsmijter's `uitsmijter_login_attempts` uses.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
}
