import Synchronization

/// What `/health/ready` reports: tenants loaded and not draining.
final class ServiceState: Sendable {
    let tenantsLoaded = Atomic<Bool>(false)
    let draining = Atomic<Bool>(false)

    var isReady: Bool {
        tenantsLoaded.load(ordering: .relaxed) && !draining.load(ordering: .relaxed)
    }
}
