// swift-tools-version:6.0
import PackageDescription

/// The interceptor: an authentication sidecar for reverse proxies.
///
/// Dependencies point one way: Sidecar → Engine → Protocol. C libraries enter
/// through the thin `C*` targets below and are wrapped by one Swift file each.
let package = Package(
    name: "interceptor",
    products: [
        .executable(name: "interceptor", targets: ["Sidecar"]),
        // For the fuzzing package under Tests/Fuzz (`make fuzz`), which depends on this one by path.
        .library(name: "Protocol", targets: ["Protocol"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    targets: [
        // C libraries from Debian (see Makefile: `make deps`).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystemd", path: "Sources/CSystemd", pkgConfig: "libsystemd",
                       providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // Linux calls that Swift's Glibc module does not expose (epoll, accept4, …).
        .target(name: "CSyscalls", path: "Sources/CSyscalls",
                cSettings: [.define("_GNU_SOURCE")]),

        .target(name: "Protocol"),
        // JavaScriptCore is opened with dlopen on the first provider run (Providers/JavaScriptCore.swift):
        // linking it would cost ≈ 7 MiB of resident memory in every sidecar that never runs a script.
        .target(name: "Engine", dependencies: ["Protocol", "CCrypto", "CYAML"]),
        .executableTarget(name: "Sidecar", dependencies: ["Engine", "Protocol", "CSystemd", "CSyscalls"]),

        .testTarget(name: "ProtocolTests", dependencies: ["Protocol"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SidecarTests", dependencies: ["Sidecar"]),
    ]
)
