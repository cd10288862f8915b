import CSyscalls
import Glibc

/// Runs this executable again as a child with `input` on stdin, collecting stdout.
enum ChildProcess {
    struct Result {
        let status: Int32
        let output: [UInt8]
    }

    /// This executable's path. Resolved rather than exec'ing `/proc/self/exe` itself, which
    /// names the loader when running under valgrind.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "/proc/self/exe" }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func run(arguments: [String], input: [UInt8]) -> Swift.Result<Result, Errno> {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard cs_pipe(&toChild) == 0 else { return .failure(.current) }
        guard cs_pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            return .failure(.current)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child must not inherit the blocked signal mask of the server.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        var pid = pid_t()
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, executablePath(), &actions, &attributes, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1]); close(fromChild[0])
            return .failure(Errno(rawValue: spawned))
        }
        input.withUnsafeBytes { FileDescriptor(rawValue: toChild[1]).writeAll($0) }
        close(toChild[1])
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fromChild[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            if output.count < 1 << 20 { output.append(contentsOf: chunk[0..<count]) }
        }
        close(fromChild[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exited = status & 0x7f == 0
        return .success(Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output))
    }
}
