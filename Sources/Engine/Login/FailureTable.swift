/// Recent failure times per key, with a fixed capacity and least-recently-failed eviction.
///
/// The keys form a doubly linked list in slot arrays (most recent failure at the head), so
/// recording, looking up and evicting are O(1) and the table never holds more than `capacity`
/// keys however many distinct usernames an attacker tries. Not thread-safe: `BruteForceLimiter`
/// keeps it behind a mutex.
struct FailureTable {
    private struct Slot {
        var key: String
        /// Failure times, oldest first; at most `maximumFailures`.
        var failures: [Double]
        var newer: Int
        var older: Int
    }

    let capacity: Int
    let maximumFailures: Int
    let window: Double
    private var slots: [Slot] = []
    private var index: [String: Int] = [:]
    private var free: [Int] = []
    /// Most recently failed slot, and least recently; -1 when empty.
    private var head = -1
    private var tail = -1

    init(capacity: Int, maximumFailures: Int, window: Double) {
        self.capacity = max(1, capacity)
        self.maximumFailures = max(1, maximumFailures)
        self.window = window
    }

    /// Keys held, including ones whose failures have all left the window.
    var count: Int { index.count }

    /// Seconds until `key` may try again (≥ 1), or `nil` while it has fewer than `maximumFailures`
    /// failures inside the window that ends at `now`.
    func retryAfter(_ key: String, now: Double) -> Int? {
        guard let slot = index[key] else { return nil }
        let recent = slots[slot].failures.filter { $0 > now - window }
        guard recent.count >= maximumFailures, let oldest = recent.first else { return nil }
        // Whole seconds, rounded up, so a client that waits exactly this long is let in.
        let remaining = oldest + window - now
        let seconds = Int(remaining)
        return max(1, Double(seconds) < remaining ? seconds + 1 : seconds)
    }

    /// Adds a failure at `now`, evicting the least recently failed key when full.
    mutating func record(_ key: String, now: Double) {
        if let slot = index[key] {
            var failures = slots[slot].failures.filter { $0 > now - window }
            failures.append(now)
            if failures.count > maximumFailures { failures.removeFirst(failures.count - maximumFailures) }
            slots[slot].failures = failures
            moveToHead(slot)
            return
        }
        if index.count >= capacity, tail >= 0 { remove(slot: tail) }
        let slot: Int
        let entry = Slot(key: key, failures: [now], newer: -1, older: -1)
        if let reused = free.popLast() {
            slot = reused
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        index[key] = slot
        link(atHead: slot)
    }

    /// Forgets `key`.
    mutating func clear(_ key: String) {
        if let slot = index[key] { remove(slot: slot) }
    }

    private mutating func remove(slot: Int) {
        unlink(slot)
        index[slots[slot].key] = nil
        slots[slot].key = ""
        slots[slot].failures = []
        free.append(slot)
    }

    private mutating func moveToHead(_ slot: Int) {
        guard head != slot else { return }
        unlink(slot)
        link(atHead: slot)
    }

    private mutating func link(atHead slot: Int) {
        slots[slot].newer = -1
        slots[slot].older = head
        if head >= 0 { slots[head].newer = slot }
        head = slot
        if tail < 0 { tail = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let newer = slots[slot].newer, older = slots[slot].older
        if newer >= 0 { slots[newer].older = older } else { head = older }
        if older >= 0 { slots[older].newer = newer } else { tail = newer }
        slots[slot].newer = -1
        slots[slot].older = -1
    }
}
