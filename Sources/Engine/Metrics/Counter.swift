import Synchronization

/// A monotonically increasing count, incremented lock-free from any thread.
///
/// Resolve it once from its family (`family.labels(…)`) when the configuration
/// loads and keep the reference: an increment is then one relaxed atomic add.
public final class Counter: Sendable {
    private let count = Atomic<UInt64>(0)

    init() {}

    /// Adds `amount` (default: 1). Wraps at 2⁶⁴, which no real process reaches.
    public func increment(by amount: UInt64 = 1) {
        count.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The count so far.
    public var value: UInt64 { count.load(ordering: .relaxed) }
}
