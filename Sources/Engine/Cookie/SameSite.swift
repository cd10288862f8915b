/// The cookie's `SameSite` attribute. Default: `Lax`, so a login cookie survives the top-level
/// navigation back from a login page on another host (SPEC §1 choice; Uitsmijter: Strict).
public enum SameSite: String, Sendable {
    case lax = "Lax"
    case strict = "Strict"
}
