import Synchronization

/// The children of one metric family, one per distinct list of label values.
///
/// Get-or-create takes a lock, which is why callers resolve children once at
/// configuration load and keep them; the children themselves are lock-free.
final class LabelledChildren<Child: AnyObject & Sendable>: Sendable {
    let labelNames: [String]
    private let make: @Sendable () -> Child
    private let children = Mutex<[[String]: Child]>([:])

    init(labelNames: [String], make: @escaping @Sendable () -> Child) {
        self.labelNames = labelNames
        self.make = make
    }

    /// The child for `values` (in `labelNames` order), created on first use.
    func child(_ values: [String]) -> Child {
        precondition(values.count == labelNames.count,
                     "\(values.count) label values given for the \(labelNames.count) labels \(labelNames)")
        return children.withLock { children in
            if let child = children[values] { return child }
            let child = make()
            children[values] = child
            return child
        }
    }

    func remove(_ values: [String]) {
        _ = children.withLock { $0.removeValue(forKey: values) }
    }

    /// Keeps the children for which `isKept` (label name → value) is true.
    func retain(where isKept: ([String: String]) -> Bool) {
        let names = labelNames
        children.withLock { children in
            children = children.filter { values, _ in
                isKept(Dictionary(uniqueKeysWithValues: zip(names, values)))
            }
        }
    }

    func removeAll() {
        children.withLock { $0.removeAll() }
    }

    /// Every child with its label values, sorted by the values so the exposition is stable.
    func sorted() -> [(values: [String], child: Child)] {
        let all = children.withLock { children in children.map { (values: $0.key, child: $0.value) } }
        return all.sorted { $0.values.lexicographicallyPrecedes($1.values) }
    }
}
