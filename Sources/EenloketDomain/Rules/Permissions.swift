import Foundation

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

    /// Whether an account with this role (and discipline) sees medical data:
    /// intake officers and panel physicians.
    public static func seesMedicalData(_ role: StaffRole, discipline: Discipline?) -> Bool {
        role == .intakeOfficer || (role == .panelMember && (discipline?.isPhysician ?? false))
    }

    /// Whether an account made by `creator` with this role waits for an admin
    /// before it works. Only an admin gives access to medical data: a
    /// coordinator who made an intake officer or a physician with a password
    /// of their own choosing would otherwise read medical data through it
    /// (the H2 finding, by account creation instead of a password change).
    public static func awaitsAdminActivation(createdBy creator: StaffRole, role: StaffRole, discipline: Discipline?) -> Bool {
        creator != .admin && seesMedicalData(role, discipline: discipline)
    }

    /// Whether `editor` may activate an account that waits for an admin: only
    /// an admin, and only with a new password of their own (so the creator's
    /// password stops working); `hasNewPassword` says whether one was given.
    public static func activation(of account: (awaiting: Bool, active: Bool), by editor: StaffRole, activating: Bool, hasNewPassword: Bool)
        -> ActivationDecision
    {
        guard account.awaiting, activating, !account.active else { return .allowed }
        guard editor == .admin else { return .forbidden }
        return hasNewPassword ? .allowed : .needsNewPassword
    }

    public enum ActivationDecision: Sendable, Equatable {
        case allowed
        /// 403: only an admin activates it.
        case forbidden
        /// 422 on `password`.
        case needsNewPassword
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

    /// Whether a password may be set through the account API (`PATCH
    /// /api/v1/staff/{id}`): not on one's own account, which needs the current
    /// password (`POST /api/v1/account/password`), so a stolen admin session
    /// cannot lock the admin out.
    public static func maySetPasswordWithoutCurrent(editor: UUID, account: UUID) -> Bool {
        editor != account
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
