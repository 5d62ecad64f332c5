import EenloketDomain
import Foundation

/// A panel member's profile as stored.
public struct PanelProfile: Sendable, Equatable {
    public var discipline: Discipline
    public var bigNumber: String?
    public var registeredSince: LocalDate?
    public var affiliations: [String]
    public var maxOpenCases: Int
    /// Cases in awaiting_panel or in_review with this member on the panel.
    public var openCases: Int

    public init(
        discipline: Discipline, bigNumber: String?, registeredSince: LocalDate?, affiliations: [String],
        maxOpenCases: Int, openCases: Int = 0
    ) {
        self.discipline = discipline
        self.bigNumber = bigNumber
        self.registeredSince = registeredSince
        self.affiliations = affiliations
        self.maxOpenCases = maxOpenCases
        self.openCases = openCases
    }
}

/// A staff account as stored (without its password hash).
public struct StaffRecord: Sendable, Equatable {
    public let id: UUID
    public var email: String
    public var name: String
    public let role: StaffRole
    public var active: Bool
    public var panel: PanelProfile?
    public let createdAt: Date
    public var updatedAt: Date
    /// Created by a coordinator with access to medical data: inactive until an admin activates it.
    public var awaitingActivation: Bool = false
}

/// A new staff account, validated.
public struct NewStaff: Sendable {
    public let email: String
    public let name: String
    public let password: String
    public let role: StaffRole
    public let panel: PanelProfile?

    public init(email: String, name: String, password: String, role: StaffRole, panel: PanelProfile?) {
        self.email = email
        self.name = name
        self.password = password
        self.role = role
        self.panel = panel
    }
}

/// A partial change to a staff account; nil fields stay as they are.
public struct StaffPatch: Sendable {
    public var email: String?
    public var name: String?
    public var passwordHash: String?
    public var active: Bool?
    public var bigNumber: String?
    public var registeredSince: LocalDate?
    public var affiliations: [String]?
    public var maxOpenCases: Int?

    public init() {}

    /// Whether the change touches panel fields.
    public var touchesPanel: Bool {
        bigNumber != nil || registeredSince != nil || affiliations != nil || maxOpenCases != nil
    }
}

/// One event in a staff account's history.
public struct StaffEventRecord: Sendable {
    public let at: Date
    /// Who made the change; nil for the service itself.
    public let actorId: UUID?
    public let change: StaffChange
    /// The changed fields' names.
    public let fields: [String]
}

/// What a login checks an account by.
public struct StaffCredentials: Sendable {
    public let id: UUID
    public let email: String
    public let role: StaffRole
    public let discipline: Discipline?
    public let active: Bool
    public let passwordHash: String
}
