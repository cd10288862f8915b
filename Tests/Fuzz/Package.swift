// swift-tools-version:6.0
import PackageDescription

/// libFuzzer harnesses for the parsers that read untrusted bytes. A package of its own, so the
/// main package's `swift build` and `swift test` never see the fuzzer: build and run it with
/// `make fuzz` (scripts/fuzz.sh), which passes `-sanitize=fuzzer,address`.
///
/// libFuzzer's own `main` cannot be linked into a Swift executable, so `FuzzTargets` exports
/// `LLVMFuzzerTestOneInput` and `interceptor-fuzz`'s `main.swift` calls `LLVMFuzzerRunDriver`.
/// SwiftPM names a path dependency after its directory, which differs between checkouts and worktrees.
let mainPackage = String(#filePath.split(separator: "/").dropLast(3).last ?? "interceptor")

let package = Package(
    name: "interceptor-fuzz",
    products: [
        .executable(name: "interceptor-fuzz", targets: ["FuzzDriver"]),
    ],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .target(name: "FuzzTargets", dependencies: [
            .product(name: "Protocol", package: mainPackage),
            .product(name: "Engine", package: mainPackage),
        ]),
        .executableTarget(name: "FuzzDriver", dependencies: ["FuzzTargets"]),
    ]
)
