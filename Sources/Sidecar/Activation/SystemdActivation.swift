import CSystemd
import Glibc

/// The one place that touches libsystemd: inherited sockets and readiness notifications.
enum SystemdActivation {
    /// Sockets passed by systemd (`LISTEN_FDS`, `LISTEN_FDNAMES`), with their names.
    /// Empty when the process was not socket-activated. The environment variables are unset
    /// so that children never inherit them.
    static func inheritedSockets() -> [(descriptor: FileDescriptor, name: String)] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        let count = sd_listen_fds_with_names(1, &names)
        guard count > 0 else { return [] }
        defer { free(names) }
        return (0..<Int(count)).map { index in
            let descriptor = FileDescriptor(rawValue: SD_LISTEN_FDS_START + Int32(index))
            var name = "unknown"
            if let names, let raw = names[index] {
                name = String(cString: raw)
                free(raw)
            }
            return (descriptor, name)
        }
    }

    /// Sends a state line such as `READY=1` to the service manager; a no-op without `$NOTIFY_SOCKET`.
    static func notify(_ state: String) {
        _ = sd_notify(0, state)
    }

    /// Half of `WATCHDOG_USEC` in milliseconds when the watchdog is on for this process.
    static func watchdogInterval() -> Int64? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return Int64(microseconds / 2000)
    }
}
