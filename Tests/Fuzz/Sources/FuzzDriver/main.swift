import FuzzTargets

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver (from libclang_rt.fuzzer, linked by `-sanitize=fuzzer`), called explicitly:
/// the runtime's own `main` cannot be linked into a Swift executable. (swiftc also emits this file's
/// top-level code under the name `LLVMFuzzerTestOneInput`; nothing calls it by that name here.)
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
