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
    ],
    targets: [
        // C libraries from Debian (see Makefile: `make deps`).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystemd", path: "Sources/CSystemd", pkgConfig: "libsystemd",
                       providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CJavaScriptCore", path: "Sources/CJavaScriptCore",
                       pkgConfig: "javascriptcoregtk-4.1",
                       providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]),
        // Linux calls that Swift's Glibc module does not expose (epoll, accept4, …).
        .target(name: "CSyscalls", path: "Sources/CSyscalls",
                cSettings: [.define("_GNU_SOURCE")]),

        .target(name: "Protocol"),
        .target(name: "Engine", dependencies: ["Protocol", "CCrypto", "CYAML", "CJavaScriptCore"]),
        .executableTarget(name: "Sidecar", dependencies: ["Engine", "Protocol", "CSystemd", "CSyscalls"]),

        .testTarget(name: "ProtocolTests", dependencies: ["Protocol"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SidecarTests", dependencies: ["Sidecar"]),
    ]
)
