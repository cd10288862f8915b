import Engine
import Glibc

/// A tiny blocking HTTP/1.1 client for providers' `fetch`: `http://` only,
/// one request per connection (`Connection: close`), connect and read bounded
/// by the timeout, responses bounded in size. Runs on a provider worker thread.
struct HTTPFetcher: ProviderFetcher {
    /// Largest response (head and body) accepted. Default: 1 MiB.
    let maxResponseBytes: Int

    init(maxResponseBytes: Int = 1 << 20) {
        self.maxResponseBytes = maxResponseBytes
    }

    func fetch(_ request: FetchRequest, timeout: Duration) -> FetchResult {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        guard let target = HTTPTarget(request.url) else {
            return .failure("only plain http:// URLs without user info are supported")
        }
        guard let head = Self.requestHead(request, target) else {
            return .failure("the request has a method or header with forbidden characters")
        }
        var message = Array(head.utf8)
        message.append(contentsOf: request.body.map { Array($0.utf8) } ?? [])

        let socket: Int32
        switch Self.connect(target, deadline: deadline) {
        case .success(let fd): socket = fd
        case .failure(let reason): return .failure(reason.message)
        }
        defer { close(socket) }
        if let problem = Self.send(message, on: socket, deadline: deadline) { return .failure(problem.message) }
        return receive(on: socket, deadline: deadline)
    }

    /// Request line and headers; nil when a value could split the message.
    static func requestHead(_ request: FetchRequest, _ target: HTTPTarget) -> String? {
        let method = request.method.isEmpty ? "GET" : request.method
        guard method.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != UInt8(ascii: ":") }) else { return nil }
        var head = "\(method) \(target.target) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nConnection: close\r\n"
        var hasLength = false
        for (name, value) in request.headers {
            guard !name.isEmpty, name.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != UInt8(ascii: ":") }),
                  !value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else { return nil }
            let lower = name.lowercased()
            if lower == "host" || lower == "connection" || lower == "transfer-encoding" { continue }
            if lower == "content-length" { hasLength = true; continue }
            head += "\(name): \(value)\r\n"
        }
        if let body = request.body {
            head += "Content-Length: \(body.utf8.count)\r\n"
        } else if hasLength || method == "POST" || method == "PUT" {
            head += "Content-Length: 0\r\n"
        }
        return head + "\r\n"
    }

    struct Problem: Error { let message: String }

    /// Resolves and connects (non-blocking, bounded by `deadline`).
    private static func connect(_ target: HTTPTarget, deadline: ContinuousClock.Instant) -> Result<Int32, Problem> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        // getaddrinfo cannot be bounded; providers should name IPs or hosts in /etc/hosts.
        let status = getaddrinfo(target.host, String(target.port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(Problem(message: "cannot resolve \"\(target.host)\""))
        }
        defer { freeaddrinfo(list) }
        var lastProblem = Problem(message: "cannot connect to \"\(target.hostHeader)\"")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return .success(fd) }
            guard errno == EINPROGRESS else { close(fd); continue }
            switch wait(fd, for: Int16(POLLOUT), deadline: deadline) {
            case .ready:
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 { return .success(fd) }
                close(fd)
            case .timeout:
                close(fd)
                return .failure(Problem(message: "connecting to \"\(target.hostHeader)\" timed out"))
            case .failed:
                close(fd)
                lastProblem = Problem(message: "cannot connect to \"\(target.hostHeader)\"")
            }
        }
        return .failure(lastProblem)
    }

    private static func send(_ bytes: [UInt8], on fd: Int32, deadline: ContinuousClock.Instant) -> Problem? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 { offset += written; continue }
            if written < 0, errno == EINTR { continue }
            guard written < 0, errno == EAGAIN || errno == EWOULDBLOCK else { return Problem(message: "sending the request failed") }
            switch wait(fd, for: Int16(POLLOUT), deadline: deadline) {
            case .ready: continue
            case .timeout: return Problem(message: "sending the request timed out")
            case .failed: return Problem(message: "sending the request failed")
            }
        }
        return nil
    }

    private func receive(on fd: Int32, deadline: ContinuousClock.Instant) -> FetchResult {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK else { return .failure("reading the response failed") }
                switch Self.wait(fd, for: Int16(POLLIN), deadline: deadline) {
                case .ready: continue
                case .timeout: return .failure("reading the response timed out")
                case .failed: return .failure("reading the response failed")
                }
            }
            buffer.append(contentsOf: chunk[..<count])
            guard buffer.count <= maxResponseBytes else {
                return .failure("the response is larger than \(maxResponseBytes) bytes")
            }
            switch HTTPResponseParse.parse(buffer, ended: count == 0) {
            case .needMore: continue
            case .complete(let status, let body): return .response(status: status, body: String(decoding: body, as: UTF8.self))
            case .invalid(let reason): return .failure(reason)
            }
        }
    }

    private enum Readiness { case ready, timeout, failed }

    /// poll(2) for `events` until `deadline`; retries EINTR.
    private static func wait(_ fd: Int32, for events: Int16, deadline: ContinuousClock.Instant) -> Readiness {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return .timeout }
            let parts = remaining.components
            let milliseconds = Int32(clamping: parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return descriptor.revents & (events | Int16(POLLHUP)) != 0 ? .ready : .failed }
            if ready == 0 { continue }
            if errno != EINTR { return .failed }
        }
    }
}
