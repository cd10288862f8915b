#if canImport(Glibc)
import Glibc
#endif

/// The harness a run exercises, from `FUZZ_TARGET`: one binary, one target per process.
enum Target: String, CaseIterable {
    case request, token, tenants, login, cookie

    static let selected: Target = {
        guard let name = getenv("FUZZ_TARGET").map({ String(cString: $0) }), let target = Target(rawValue: name) else {
            let names = Target.allCases.map(\.rawValue).joined(separator: ", ")
            printError("interceptor-fuzz: set FUZZ_TARGET to one of: \(names)")
            exit(2)
        }
        return target
    }()
}

/// The per-input callback handed to `LLVMFuzzerRunDriver`. Not exported as `LLVMFuzzerTestOneInput`:
/// under `-sanitize=fuzzer` swiftc already gives that name to the executable's top-level code.
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    switch Target.selected {
    case .request: RequestTarget.run(bytes)
    case .token: TokenTarget.run(bytes)
    case .tenants: TenantsTarget.run(bytes)
    case .login: LoginTarget.run(bytes)
    case .cookie: CookieTarget.run(bytes)
    }
    return 0
}

/// Stops the process with libFuzzer's crash handling: the input is saved as `crash-*`.
func violated(_ message: String) -> Never {
    printError("FUZZ INVARIANT VIOLATED [\(Target.selected.rawValue)]: \(message)")
    abort()
}

/// One line to standard error, unbuffered.
func printError(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}
