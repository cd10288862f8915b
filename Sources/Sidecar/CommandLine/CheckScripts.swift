import Engine
import Glibc

/// `interceptor check-scripts` (internal): syntax-checks provider scripts read from stdin as
/// `tenant\0script\0` pairs and prints one problem per line; exit 0, or 78.
///
/// The serving process runs this in a child so that JavaScriptCore, ≈ 20 MiB resident once
/// loaded, stays out of its memory until the first login needs it.
enum CheckScripts {
    static func run() -> Int32 {
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            input.append(contentsOf: chunk[0..<count])
        }
        let fields = input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var problems = 0
        var index = 0
        while index + 1 < fields.count {
            if let error = ProviderScript(source: fields[index + 1]).syntaxError(tenant: fields[index]) {
                print(error.description)
                problems += 1
            }
            index += 2
        }
        return problems == 0 ? 0 : 78
    }

    /// Runs the check in a child process for every tenant with a script; returns the problems.
    static func inChild(_ tenants: Tenants) -> [String] {
        var input: [UInt8] = []
        for tenant in tenants.all where !tenant.providerScript.isEmpty {
            input += Array(tenant.id.utf8) + [0] + Array(tenant.providerScript.utf8) + [0]
        }
        guard !input.isEmpty else { return [] }
        switch ChildProcess.run(arguments: ["interceptor", "check-scripts"], input: input) {
        case .success(let result):
            let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
            if result.status == 0 { return [] }
            return lines.isEmpty ? ["provider scripts could not be checked (exit status \(result.status))"] : lines
        case .failure(let error):
            return ["provider scripts could not be checked: \(error)"]
        }
    }
}
