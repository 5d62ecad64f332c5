/// What happened to a staff account, as its append-only history records it.
public enum StaffChange: String, Sendable, CaseIterable, Codable {
    case created
    case updated
    case deactivated
    case reactivated
    case passwordChanged = "password_changed"
    case otpReset = "otp_reset"
}
