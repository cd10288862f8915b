import CSyscalls
import Glibc

/// Notices changes in one directory (inotify), for reloading tenants.
final class DirectoryWatch {
    let descriptor: FileDescriptor
    private let path: String
    private var watching = false

    init?(path: String) {
        let fd = cs_inotify_init()
        guard fd >= 0 else { return nil }
        descriptor = FileDescriptor(rawValue: fd)
        self.path = path
        rearm()
    }

    deinit { descriptor.close() }

    /// Watches the directory again after it was replaced (editors and `kubectl` swap directories).
    func rearm() {
        guard !watching else { return }
        watching = cs_inotify_watch_directory(descriptor.rawValue, path) >= 0
    }

    /// Reads pending events; true when any arrived. A removed or moved directory drops the watch.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            any = true
            var offset = 0
            while offset + 16 <= count {
                let mask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
                let nameLength = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
                if mask & UInt32(IN_IGNORED) != 0 { watching = false }
                offset += 16 + Int(nameLength)
            }
        }
        return any
    }
}
