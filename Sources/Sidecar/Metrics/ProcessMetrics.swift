import Engine
import Glibc

/// The `process_*` metrics, read from `/proc/self` at every scrape (proc(5)).
///
/// Each value reads one small file or directory; a read that fails leaves that sample
/// out of the scrape rather than reporting a wrong 0.
struct ProcessMetrics: Sendable {
    /// Bytes per page, for `statm`'s page counts.
    let pageSize: Double
    /// Clock ticks per second, for `stat`'s CPU times (`USER_HZ`, 100 on Linux).
    let ticksPerSecond: Double

    init() {
        pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `process_resident_memory_bytes`: resident pages × page size.
    func residentMemoryBytes() -> Double? {
        guard let statm = Self.contents(of: "/proc/self/statm"),
              let pages = ProcessStatistics.residentPages(statm: statm) else { return nil }
        return Double(pages) * pageSize
    }

    /// `process_cpu_seconds_total`: user + system time.
    func cpuSeconds() -> Double? {
        guard ticksPerSecond > 0, let stat = Self.contents(of: "/proc/self/stat"),
              let ticks = ProcessStatistics.cpuTicks(stat: stat) else { return nil }
        return Double(ticks) / ticksPerSecond
    }

    /// `process_open_fds`: the entries of `/proc/self/fd`, without the one this count opens.
    func openFileDescriptors() -> Double? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        let own = dirfd(directory)
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name != String(own) else { continue }
            count += 1
        }
        return Double(count)
    }

    /// The callbacks `InterceptorMetrics` renders; `connections` comes from the event loops.
    func callbacks(connections: @escaping @Sendable () -> Double?) -> InterceptorMetrics.Callbacks {
        InterceptorMetrics.Callbacks(
            connections: connections,
            residentMemoryBytes: { residentMemoryBytes() },
            openFileDescriptors: { openFileDescriptors() },
            cpuSeconds: { cpuSeconds() })
    }

    /// A whole `/proc` file. Their size reads as 0, so read until end of file; they are small.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while bytes.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}
