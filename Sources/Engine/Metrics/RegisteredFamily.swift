/// What the registry needs of a family: its names and its part of the exposition.
protocol RegisteredFamily: AnyObject, Sendable {
    var name: String { get }
    /// The names its sample lines use (`x_bucket`, `x_sum`, `x_count` for a histogram `x`).
    var sampleNames: [String] { get }
    func write(into output: inout String)
}
