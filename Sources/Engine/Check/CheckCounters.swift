/// The counters one check touches, resolved when the configuration loads so that counting
/// is one atomic add (no label lookup per request).
struct CheckCounters: Sendable {
    let interceptor: InterceptorCounters?
    let refresh: Counter?
}
