/// The conflict-of-interest rule of routing.
///
/// A member may not sit when one of their affiliations is the employer (by
/// name or KvK number) or the arbodienst whose advice is disputed, or when
/// they are the company doctor whose advice is disputed.
public struct ConflictProfile: Sendable, Hashable {
    /// Normalised names and numbers no affiliation may equal.
    public let forbiddenAffiliations: Set<String>
    /// The normalised name of the disputed company doctor, if named.
    public let occupationalPhysicianName: String?

    public init(employerName: String, employerKvk: String, physicianName: String?, physicianOrganisation: String?) {
        var terms: Set<String> = [Self.normalize(employerName), Self.normalize(employerKvk)]
        if let org = physicianOrganisation { terms.insert(Self.normalize(org)) }
        terms.remove("")
        self.forbiddenAffiliations = terms
        let name = physicianName.map(Self.normalize)
        self.occupationalPhysicianName = (name?.isEmpty ?? true) ? nil : name
    }

    /// Whether a member with this name and these affiliations may not sit on the case.
    public func conflicts(memberName: String, affiliations: [String]) -> Bool {
        if let physician = occupationalPhysicianName, Self.normalize(memberName) == physician { return true }
        return affiliations.contains { forbiddenAffiliations.contains(Self.normalize($0)) }
    }

    /// Lowercased, trimmed, and inner runs of white space taken as one space.
    public static func normalize(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
