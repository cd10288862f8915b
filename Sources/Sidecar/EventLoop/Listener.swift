import CSyscalls
import Glibc

/// A listening socket and what it serves.
struct Listener: Sendable {
    let descriptor: FileDescriptor
    let role: ListenerRole
    /// Where it came from, for logs.
    let label: String
    /// Inherited from systemd: never `shutdown(2)`, never unlink.
    let inherited: Bool
    /// The socket file this process created, removed again on exit.
    let createdPath: String?

    /// Problems binding a listener; each description says what to do.
    enum BindError: Error, CustomStringConvertible {
        case inUse(String)
        case notASocket(String)
        case system(String, Errno)

        var description: String {
            switch self {
            case .inUse(let address):
                "listen address \"\(address)\" is in use by a running process; stop it or choose another --listen"
            case .notASocket(let path):
                "listen path \"\(path)\" exists and is not a socket; remove it or choose another --listen"
            case .system(let address, let errno):
                "cannot listen on \"\(address)\": \(errno)"
            }
        }
    }

    /// Binds a listener of our own. A stale Unix socket file is replaced only when nothing answers on it.
    static func bind(_ address: ListenAddress, backlog: Int32 = 1024) throws(BindError) -> Listener {
        switch address {
        case .unix(let path):
            var status = stat()
            if lstat(path, &status) == 0 {
                guard (status.st_mode & S_IFMT) == S_IFSOCK else { throw .notASocket(path) }
                if cs_unix_socket_answers(path) != 0 { throw .inUse(address.description) }
                unlink(path)
            }
            let fd = cs_listen_unix(path, backlog)
            guard fd >= 0 else { throw .system(address.description, .current) }
            return Listener(descriptor: FileDescriptor(rawValue: fd), role: .all, label: address.description,
                            inherited: false, createdPath: path)
        case .tcp(let host, let port):
            let fd = cs_listen_tcp(host, Int32(port), backlog)
            guard fd >= 0 else {
                let error = Errno.current
                if error.rawValue == EADDRINUSE { throw .inUse(address.description) }
                throw .system(address.description, error)
            }
            return Listener(descriptor: FileDescriptor(rawValue: fd), role: .all, label: address.description,
                            inherited: false, createdPath: nil)
        }
    }

    /// Adopts a socket passed by systemd; they arrive blocking, so make them non-blocking.
    static func inherited(_ descriptor: FileDescriptor, name: String) throws(BindError) -> Listener {
        guard cs_is_listening_stream(descriptor.rawValue) != 0 else {
            throw .system("fd \(descriptor.rawValue) (\(name))", Errno(rawValue: ENOTSOCK))
        }
        do { try descriptor.setNonBlocking() } catch { throw .system("fd \(descriptor.rawValue)", error) }
        return Listener(descriptor: descriptor, role: ListenerRole(socketName: name),
                        label: "fd:\(descriptor.rawValue)(\(name))", inherited: true, createdPath: nil)
    }

    /// Closes our descriptor; removes the socket file we created. Inherited sockets stay with systemd.
    func close() {
        if let createdPath { unlink(createdPath) }
        descriptor.close()
    }
}
