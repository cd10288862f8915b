extension InterceptorMetrics {
    /// The `endpoint` label of `interceptor_request_duration_seconds`: a fixed set, never the request path.
    public enum Endpoint: String, Sendable, CaseIterable {
        case interceptor
        case authRequest = "auth_request"
        case login
        case logout
        case health
        case metrics
        /// Any other path (404).
        case other
    }

    /// The `provider` label of `interceptor_provider_duration_seconds`: the provider class.
    public enum Provider: String, Sendable, CaseIterable {
        case userLogin = "UserLoginProvider"
        case userValidation = "UserValidationProvider"
    }

    /// Values computed at scrape time, supplied by the Sidecar (the Engine reads no `/proc`).
    /// `nil` leaves the sample out of that scrape.
    public struct Callbacks: Sendable {
        public var connections: @Sendable () -> Double?
        public var residentMemoryBytes: @Sendable () -> Double?
        public var openFileDescriptors: @Sendable () -> Double?
        public var cpuSeconds: @Sendable () -> Double?

        public init(connections: @escaping @Sendable () -> Double?,
                    residentMemoryBytes: @escaping @Sendable () -> Double?,
                    openFileDescriptors: @escaping @Sendable () -> Double?,
                    cpuSeconds: @escaping @Sendable () -> Double?) {
            self.connections = connections
            self.residentMemoryBytes = residentMemoryBytes
            self.openFileDescriptors = openFileDescriptors
            self.cpuSeconds = cpuSeconds
        }
    }
}
