import Foundation

/// A panel member who might be assigned, with their current load.
public struct RoutingCandidate: Sendable {
    public let staffId: UUID
    public let name: String
    public let discipline: Discipline
    public let affiliations: [String]
    public var openCases: Int
    public let maxOpenCases: Int
    /// Ordinal of the member's most recent assignment; nil when never assigned.
    public var lastAssignment: Int64?

    public init(
        staffId: UUID, name: String, discipline: Discipline, affiliations: [String],
        openCases: Int, maxOpenCases: Int, lastAssignment: Int64?
    ) {
        self.staffId = staffId
        self.name = name
        self.discipline = discipline
        self.affiliations = affiliations
        self.openCases = openCases
        self.maxOpenCases = maxOpenCases
        self.lastAssignment = lastAssignment
    }

    var hasCapacity: Bool { openCases < maxOpenCases }
}

/// A case that still needs panel members.
public struct RoutingNeed: Sendable {
    public let caseId: UUID
    /// Requested disciplines, in the order triage listed them.
    public let requested: [Discipline]
    /// Disciplines already filled.
    public let filled: Set<Discipline>
    /// Members already on the panel (never chosen twice).
    public let members: Set<UUID>
    public let hasChair: Bool
    public let conflicts: ConflictProfile

    public init(
        caseId: UUID, requested: [Discipline], filled: Set<Discipline>, members: Set<UUID>,
        hasChair: Bool, conflicts: ConflictProfile
    ) {
        self.caseId = caseId
        self.requested = requested
        self.filled = filled
        self.members = members
        self.hasChair = hasChair
        self.conflicts = conflicts
    }

    public var missing: [Discipline] { requested.filter { !filled.contains($0) } }
}

/// One decided assignment.
public struct PanelAssignment: Sendable, Equatable {
    public let caseId: UUID
    public let staffId: UUID
    public let discipline: Discipline
    public let isChair: Bool
}

/// The outcome of a routing pass.
public struct RoutingPlan: Sendable {
    /// New assignments, in the order they were made.
    public var assignments: [PanelAssignment] = []
    /// Cases whose every requested discipline now has a member.
    public var completed: [UUID] = []

    public init() {}
}

/// Routing, as the contract defines it: one member per requested discipline;
/// eligible when active, of that discipline, below `max_open_cases` and free of
/// conflicts; fewest open cases first, then never assigned, then the oldest
/// last assignment; the first physician assigned chairs.
///
/// The store feeds this only active members and serialises passes per
/// discipline, then a trigger re-checks capacity as each assignment is stored.
public enum Routing {
    /// Picks the member for one discipline of one case, or nil when none is eligible.
    public static func choose(
        _ discipline: Discipline, for need: RoutingNeed, among candidates: [RoutingCandidate]
    ) -> Int? {
        var best: Int?
        for (index, c) in candidates.enumerated()
        where c.discipline == discipline && c.hasCapacity && !need.members.contains(c.staffId)
            && !need.conflicts.conflicts(memberName: c.name, affiliations: c.affiliations)
        {
            if let b = best {
                if precedes(c, candidates[b]) { best = index }
            } else {
                best = index
            }
        }
        return best
    }

    /// Routes cases in the order given (the caller passes them oldest first),
    /// updating loads as it goes so later cases see earlier assignments.
    public static func plan(_ needs: [RoutingNeed], candidates: inout [RoutingCandidate], nextOrdinal: Int64) -> RoutingPlan {
        var plan = RoutingPlan()
        var ordinal = nextOrdinal
        for need in needs {
            var members = need.members
            var filled = need.filled
            var hasChair = need.hasChair
            for discipline in need.missing {
                let current = RoutingNeed(
                    caseId: need.caseId, requested: need.requested, filled: filled, members: members,
                    hasChair: hasChair, conflicts: need.conflicts)
                guard let index = choose(discipline, for: current, among: candidates) else { continue }
                candidates[index].openCases += 1
                candidates[index].lastAssignment = ordinal
                ordinal += 1
                let chair = !hasChair && discipline.isPhysician
                hasChair = hasChair || chair
                members.insert(candidates[index].staffId)
                filled.insert(discipline)
                plan.assignments.append(
                    PanelAssignment(caseId: need.caseId, staffId: candidates[index].staffId, discipline: discipline, isChair: chair))
            }
            if need.requested.allSatisfy(filled.contains) { plan.completed.append(need.caseId) }
        }
        return plan
    }

    /// The routing order: fewer open cases; then never assigned; then older last
    /// assignment; then the lower id, so the choice is always deterministic.
    static func precedes(_ a: RoutingCandidate, _ b: RoutingCandidate) -> Bool {
        if a.openCases != b.openCases { return a.openCases < b.openCases }
        switch (a.lastAssignment, b.lastAssignment) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let x), .some(let y)) where x != y: return x < y
        default: return a.staffId.uuidString < b.staffId.uuidString
        }
    }
}
