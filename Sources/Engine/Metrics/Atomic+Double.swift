import Synchronization

/// A `Double` kept as its bit pattern in an `Atomic<UInt64>`: the standard library has no atomic floating point.
extension Atomic where Value == UInt64 {
    /// The stored bit pattern read as a `Double`.
    func loadDouble() -> Double {
        Double(bitPattern: load(ordering: .relaxed))
    }

    func storeDouble(_ value: Double) {
        store(value.bitPattern, ordering: .relaxed)
    }

    /// Adds `amount` with a compare-and-swap loop; it retries only while another thread wins the race.
    func addDouble(_ amount: Double) {
        var current = load(ordering: .relaxed)
        while true {
            let desired = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = compareExchange(expected: current, desired: desired, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
