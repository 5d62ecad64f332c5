import Foundation

/// Who is making a request, once their bearer token has been checked.
public enum Caller: Sendable, Equatable {
    case anonymous
    case staff(StaffPrincipal)
    case party(PartyPrincipal)

    /// The role name recorded as `actor_role` in a case's history.
    public var actorRole: String {
        switch self {
        case .anonymous: return "anonymous"
        case .staff(let s): return s.role.rawValue
        case .party(let p): return p.role.rawValue
        }
    }

    public var staff: StaffPrincipal? {
        if case .staff(let s) = self { return s }
        return nil
    }

    public var party: PartyPrincipal? {
        if case .party(let p) = self { return p }
        return nil
    }
}

/// A logged-in staff member.
public struct StaffPrincipal: Sendable, Equatable {
    public let id: UUID
    public let role: StaffRole
    /// The discipline of a panel member; nil for other roles.
    public let discipline: Discipline?

    public init(id: UUID, role: StaffRole, discipline: Discipline?) {
        self.id = id
        self.role = role
        self.discipline = discipline
    }
}

/// A party holding the access token of one case.
public struct PartyPrincipal: Sendable, Equatable {
    public let caseId: UUID
    public let role: PartyRole
    /// Whether this party filed the case (the other party is invited later).
    public let isFiler: Bool

    public init(caseId: UUID, role: PartyRole, isFiler: Bool) {
        self.caseId = caseId
        self.role = role
        self.isFiler = isFiler
    }
}
