import Engine

/// (3) TenantsLoader over libyaml: any text loads or throws; it never crashes or hangs.
enum TenantsTarget {
    static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? TenantsLoader.load([("f.yaml", text)])
    }
}
