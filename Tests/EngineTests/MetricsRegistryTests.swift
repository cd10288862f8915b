import Dispatch
import Foundation
import Testing
@testable import Engine

@Suite("Metrics registry and exposition")
struct MetricsRegistryTests {
    @Test func counterIncrementsFromManyThreadsSumExactly() throws {
        let registry = MetricsRegistry()
        let counter = try registry.counter("hits_total", help: "Hits.", labels: ["tenant"]).labels("shop")
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<100_000 { counter.increment() }
        }
        #expect(counter.value == 800_000)
        #expect(registry.render().contains("hits_total{tenant=\"shop\"} 800000\n"))
    }

    @Test func gaugeAndHistogramFromManyThreadsSumExactly() throws {
        let registry = MetricsRegistry()
        let gauge = try registry.gauge("open", help: "Open.").labels()
        let histogram = try registry.histogram("wait_seconds", help: "Wait.", buckets: [0.25, 1]).labels()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for _ in 0..<20_000 {
                gauge.increment(by: 2)
                gauge.decrement()
                // Halves and quarters add up exactly in binary floating point.
                histogram.observe(index.isMultiple(of: 2) ? 0.5 : 0.25)
            }
        }
        #expect(gauge.value == 160_000)
        let snapshot = histogram.snapshot
        #expect(snapshot.cumulativeCounts == [80_000, 160_000, 160_000])
        let expectedSum: Double = 60_000
        #expect(snapshot.sum == expectedSum)
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() throws {
        let registry = MetricsRegistry()
        let family = try registry.histogram("latency_seconds", help: "Latency.", labels: ["endpoint"],
                                            buckets: [0.001, 0.01, 0.1])
        let histogram = family.labels("login")
        for value in [0.0005, 0.001, 0.002, 0.05, 0.05, 3, .nan] { histogram.observe(value) }
        histogram.observe(Duration.milliseconds(20))
        #expect(registry.render() == """
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{endpoint="login",le="0.001"} 2
            latency_seconds_bucket{endpoint="login",le="0.01"} 3
            latency_seconds_bucket{endpoint="login",le="0.1"} 6
            latency_seconds_bucket{endpoint="login",le="+Inf"} 7
            latency_seconds_sum{endpoint="login"} 3.1235
            latency_seconds_count{endpoint="login"} 7

            """)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("back\\slash", "back\\\\slash"),
        ("say \"hi\"", "say \\\"hi\\\""),
        ("two\nlines", "two\\nlines"),
        ("\\\"\n", "\\\\\\\"\\n"),
        ("ünïcode ok", "ünïcode ok"),
    ])
    func labelValuesAreEscaped(value: String, escaped: String) throws {
        let registry = MetricsRegistry()
        try registry.counter("c_total", help: "C.", labels: ["v"]).labels(value).increment()
        #expect(registry.render().hasSuffix("c_total{v=\"\(escaped)\"} 1\n"))
    }

    @Test func helpEscapesBackslashAndNewlineButNotQuotes() throws {
        let registry = MetricsRegistry()
        _ = try registry.gauge("g", help: "a \\ b\n\"c\"")
        #expect(registry.render() == "# HELP g a \\\\ b\\n\"c\"\n# TYPE g gauge\ng 0\n")
    }

    @Test func familiesInRegistrationOrderChildrenSorted() throws {
        let registry = MetricsRegistry()
        let zeta = try registry.counter("zeta_total", help: "Z.", labels: ["host", "tenant"])
        _ = try registry.gauge("alpha", help: "A.")
        zeta.labels("b.example", "t").increment()
        zeta.labels("a.example", "u").increment(by: 3)
        zeta.labels("a.example", "t").increment(by: 2)
        #expect(registry.render() == """
            # HELP zeta_total Z.
            # TYPE zeta_total counter
            zeta_total{host="a.example",tenant="t"} 2
            zeta_total{host="a.example",tenant="u"} 3
            zeta_total{host="b.example",tenant="t"} 1
            # HELP alpha A.
            # TYPE alpha gauge
            alpha 0

            """)
    }

    @Test func labelsReturnsTheSameChildAndRemovedChildrenLeaveTheOutput() throws {
        let registry = MetricsRegistry()
        let family = try registry.counter("c_total", help: "C.", labels: ["tenant"])
        #expect(family.labels("a") === family.labels("a"))
        family.labels("a").increment()
        family.labels("b").increment()
        family.labels("c").increment()
        family.remove("b")
        #expect(!registry.render().contains("\"b\""))
        family.retain { $0["tenant"] == "c" }
        #expect(registry.render() == "# HELP c_total C.\n# TYPE c_total counter\nc_total{tenant=\"c\"} 1\n")
        family.removeAll()
        #expect(registry.render() == "# HELP c_total C.\n# TYPE c_total counter\n")
    }

    @Test func duplicateNamesAreRejected() throws {
        let registry = MetricsRegistry()
        _ = try registry.counter("requests_total", help: "R.")
        #expect(throws: MetricsRegistrationError.duplicateName("requests_total")) {
            try registry.gauge("requests_total", help: "Again.")
        }
        _ = try registry.histogram("wait_seconds", help: "W.", buckets: [1])
        #expect(throws: MetricsRegistrationError.duplicateName("wait_seconds_count")) {
            try registry.counter("wait_seconds_count", help: "Clash with the histogram's count.")
        }
        #expect(throws: MetricsRegistrationError.duplicateName("requests_total")) {
            try registry.callback("requests_total", help: "Again.", type: .counter) { 1 }
        }
        #expect(throws: MetricsRegistrationError.histogramCallback("spread")) {
            try registry.callback("spread", help: "No.", type: .histogram) { 1 }
        }
        // The failed registrations left nothing behind.
        #expect(registry.render().components(separatedBy: "# TYPE").count == 3)
    }

    @Test(arguments: ["", "1abc", "a-b", "a b", "ä"])
    func invalidMetricNamesAreRejected(name: String) {
        #expect(throws: MetricsRegistrationError.invalidMetricName(name)) {
            try MetricsRegistry().counter(name, help: "X.")
        }
    }

    @Test func invalidLabelsAndBucketsAreRejected() {
        let registry = MetricsRegistry()
        #expect(throws: MetricsRegistrationError.invalidLabelName("__name")) {
            try registry.counter("a", help: "A.", labels: ["__name"])
        }
        #expect(throws: MetricsRegistrationError.invalidLabelName("a:b")) {
            try registry.counter("a", help: "A.", labels: ["a:b"])
        }
        #expect(throws: MetricsRegistrationError.reservedOrRepeatedLabelName("x")) {
            try registry.counter("a", help: "A.", labels: ["x", "x"])
        }
        #expect(throws: MetricsRegistrationError.reservedOrRepeatedLabelName("le")) {
            try registry.histogram("h", help: "H.", labels: ["le"], buckets: [1])
        }
        for buckets: [Double] in [[], [1, 1], [2, 1], [1, .infinity], [.nan]] {
            #expect(throws: MetricsRegistrationError.self) {
                try registry.histogram("h", help: "H.", buckets: buckets)
            }
        }
    }

    @Test func callbackValuesAreReadAtRenderAndNilLeavesTheSampleOut() throws {
        let registry = MetricsRegistry()
        let source = Counter()
        try registry.callback("now_open", help: "Open.", type: .gauge) { Double(source.value) }
        try registry.callback("unreadable", help: "Missing.", type: .gauge) { nil }
        source.increment(by: 4)
        #expect(registry.render() == """
            # HELP now_open Open.
            # TYPE now_open gauge
            now_open 4
            # HELP unreadable Missing.
            # TYPE unreadable gauge

            """)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (30, "30"), (-2, "-2"), (0.005, "0.005"), (0.00005, "5e-05"),
        (1.5, "1.5"), (1e20, "1e+20"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (Double.nan, "NaN"),
    ])
    func numbersAreFormattedAsPrometheusParsesThem(value: Double, text: String) {
        #expect(Exposition.format(value) == text)
    }

    @Test func contentTypeIsTextFormat004() {
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }
}

@Suite("Metrics exposition golden files")
struct MetricsGoldenTests {
    /// Awkward label values, help text and numbers, for the byte-exact test and for promtool (check.sh).
    @Test func escapingGoldenExposition() throws {
        let registry = MetricsRegistry()
        let requests = try registry.counter("demo_requests_total", help: "Requests with a \\ and a\nnewline.",
                                            labels: ["host", "tenant"])
        requests.labels("quote\".example", "back\\slash").increment(by: 2)
        requests.labels("new\nline", "ünïcode").increment()
        let temperature = try registry.gauge("demo_temperature_celsius", help: "Signed and fractional.",
                                             labels: ["room"])
        temperature.labels("cellar").set(-3.25)
        temperature.labels("attic").set(1e-7)
        let latency = try registry.histogram("demo_latency_seconds", help: "Few buckets.", buckets: [0.5, 2]).labels()
        latency.observe(0.25)
        latency.observe(10)
        try registry.callback("demo_unreadable", help: "A callback that returned nil.", type: .gauge) { nil }
        try registry.callback("demo_uptime_seconds_total", help: "A callback counter.", type: .counter) { 12.5 }
        try Golden.compare(registry.render(), with: "escaping.prom")
    }
}

/// Byte-exact comparison with a file in Fixtures/metrics; `METRICS_UPDATE_GOLDEN=1` rewrites it.
enum Golden {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/metrics").appendingPathComponent(name)
    }

    static func compare(_ rendered: String, with name: String) throws {
        if ProcessInfo.processInfo.environment["METRICS_UPDATE_GOLDEN"] == "1" {
            try rendered.write(to: url(name), atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url(name), encoding: .utf8)
        #expect(Array(rendered.utf8) == Array(expected.utf8), "differs from Fixtures/metrics/\(name)")
    }
}
