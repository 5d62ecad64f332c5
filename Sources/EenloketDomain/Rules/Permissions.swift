/// What each role may do at all (403 when not), before any per-case check.
///
/// Per-case checks (is this the caller's case, is this member the chair) come
/// after, from `CaseAccessPolicy` and the case itself.
public enum Permissions {
    /// Roles that may list cases and read individual cases as staff.
    public static let caseReaders: Set<StaffRole> = [.intakeOfficer, .coordinator, .admin, .panelMember]
    /// Roles that may read the supervision statistics.
    public static let statsReaders: Set<StaffRole> = [.inspector, .coordinator, .admin]
    /// Roles that may read and change staff accounts.
    public static let staffManagers: Set<StaffRole> = [.admin, .coordinator]

    /// Whether `creator` may create or change an account with `role`.
    public static func mayManage(_ creator: StaffRole, accountRole role: StaffRole) -> Bool {
        switch creator {
        case .admin: return true
        case .coordinator: return role == .intakeOfficer || role == .panelMember
        default: return false
        }
    }

    /// Roles that read an account's change history.
    public static let staffAuditors: Set<StaffRole> = [.admin]

    /// Whether `editor` may change another account's password or e-mail
    /// address: only an admin. A coordinator who could would take over an
    /// account that sees medical data (security finding H2); an account
    /// holder changes their own password with the current one instead.
    public static func mayChangeCredentials(_ editor: StaffRole) -> Bool {
        editor == .admin
    }

    /// Throws 403 unless the caller is staff with one of `roles`.
    public static func requireStaff(_ caller: Caller, _ roles: Set<StaffRole>, action: String) throws -> StaffPrincipal {
        switch caller {
        case .anonymous:
            throw AppError.unauthenticated
        case .party:
            throw AppError.forbidden("Alleen medewerkers van het loket mogen \(action).")
        case .staff(let staff):
            guard roles.contains(staff.role) else {
                throw AppError.forbidden("Uw rol (\(staff.role.rawValue)) mag niet \(action).")
            }
            return staff
        }
    }
}
