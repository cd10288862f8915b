/// The `reason` label of `uitsmijter_interceptor_failure`, spelled as Uitsmijter spells it.
public enum InterceptorFailureReason: String, Sendable, CaseIterable {
    /// Missing, malformed, badly signed or expired token, or one for another host (`responsibility`).
    case invalidToken = "INVALID_TOKEN"
    /// No tenant claims the forwarded host; counted with the placeholder labels (`unknown`).
    case noTenant = "NO_TENANT"
    /// The token belongs to another tenant, or the tenant's interceptor is disabled.
    case tenantNotAllowed = "TENANT_NOT_ALLOWED"
    /// The tenant's `UserValidationProvider` no longer accepts the user.
    case userInvalid = "USER_INVALID"
}
