import Synchronization

/// A value that goes up and down (a `Double`), changed lock-free from any thread.
public final class Gauge: Sendable {
    /// The `Double`'s bit pattern; 0 is the pattern of 0.0.
    private let bits = Atomic<UInt64>(0)

    init() {}

    public func set(_ value: Double) { bits.storeDouble(value) }

    public func set(_ value: Int) { bits.storeDouble(Double(value)) }

    /// Adds `amount` (default: 1).
    public func increment(by amount: Double = 1) { bits.addDouble(amount) }

    /// Subtracts `amount` (default: 1).
    public func decrement(by amount: Double = 1) { bits.addDouble(-amount) }

    public var value: Double { bits.loadDouble() }
}
