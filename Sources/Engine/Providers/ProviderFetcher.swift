/// Performs the HTTP requests of a provider's `fetch(url, {method, headers, body})`.
///
/// The Engine has no sockets: the Sidecar injects a real client; tests inject
/// fakes. Called synchronously on the provider's worker thread.
public protocol ProviderFetcher: Sendable {
    /// Performs `request`, giving up after `timeout`.
    func fetch(_ request: FetchRequest, timeout: Duration) -> FetchResult
}

/// One `fetch` call of a provider script.
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    /// Upper-cased method. Default: GET.
    public var method: String
    /// Header fields in the order the script's object lists them.
    public var headers: [(name: String, value: String)]
    public var body: String?

    public init(url: String, method: String = "GET", headers: [(name: String, value: String)] = [], body: String? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    public static func == (a: FetchRequest, b: FetchRequest) -> Bool {
        a.url == b.url && a.method == b.method && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

/// What came back: a response (any status) or no response at all.
public enum FetchResult: Sendable, Equatable {
    /// A complete response; `body` decoded as UTF-8.
    case response(status: Int, body: String)
    /// No usable response (refused, timed out, too large, bad URL); the reason
    /// becomes the message of the `Error` the promise rejects with.
    case failure(String)
}
