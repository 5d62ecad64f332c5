import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Data-subject rights and accountability: a party downloads everything the
/// pool holds about its case that it may see; coordinators read who looked
/// at a case's medical text and who exported it.
struct DataRightsController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("{id}/export", use: export)
            .get("{id}/access-log", use: accessLog)
    }

    /// `GET /api/v1/cases/{id}/export` (the parties, with their own token).
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.authenticated()
        let data = try await PartyData.collect(try context.uuidParameter("id"), for: caller, deps: deps, format: "json")
        return try JSONResponse.make(CaseExportJSON(data))
    }

    /// `GET /api/v1/cases/{id}/access-log` (coordinators and administrators).
    @Sendable func accessLog(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff([.coordinator, .admin], to: "het inzagelogboek lezen")
        let entries = try await deps.cases.accessLog(try context.uuidParameter("id"))
        return try JSONResponse.make(ItemsJSON(items: entries.map(AccessLogEntryJSON.init)))
    }
}

/// Everything the pool holds about a case that one party may see, read once
/// for the JSON export and the readable page alike.
struct PartyData {
    let party: PartyPrincipal
    let record: CaseRecord
    let events: [CaseEvent]
    let statements: [StatementRecord]
    let followUps: [FollowUpRecord]
    /// The documents the party may see (their content is downloaded one by one).
    let documents: [DocumentRecord]
    let contact: (name: String?, email: String?, address: PostalAddress?)
    let exportedAt: Date

    /// Reads the case as the party may see it and records the export before handing anything out.
    static func collect(_ id: UUID, for caller: Caller, deps: AppDependencies, format: String) async throws -> PartyData {
        guard let party = caller.party else { throw AppError.forbidden("Alleen de partijen van een zaak kunnen hun gegevens downloaden.") }
        let now = deps.now
        let record = try await deps.cases.view(id, caller: caller, at: now)
        try await deps.cases.recordExport(id, format: format, by: caller, at: now)
        return PartyData(
            party: party, record: record, events: try await deps.cases.events(id, caller: caller, seen: record),
            statements: try await deps.cases.statements(id, caller: caller, at: now, seen: record),
            followUps: try await deps.cases.followUps(id, caller: caller, at: now, seen: record),
            documents: try await deps.cases.documents(id, caller: caller, seen: record),
            contact: try await deps.cases.partyContact(party), exportedAt: now)
    }
}

/// A party's data as one document.
struct CaseExportJSON: Encodable {
    let exported_at: String
    let explanation: String
    let you: PartyContactJSON
    let `case`: CaseResponse
    let events: [EventJSON]
    let statements: [StatementJSON]
    let follow_ups: [FollowUpJSON]
    let documents: [DocumentJSON]

    init(_ data: PartyData) {
        let showActor = CaseAccessPolicy.seesActors(.party(data.party))
        exported_at = Timestamp.format(data.exportedAt)
        explanation = "Alle gegevens die Eenloket over deze zaak bewaart en die u mag zien. Deze download staat in de geschiedenis van de zaak."
        you = PartyContactJSON(
            role: data.party.role.rawValue, filer: data.party.isFiler, name: data.contact.name, email: data.contact.email,
            address: data.contact.address)
        `case` = CaseResponse(record: data.record, now: data.exportedAt, showStaffDetails: false)
        events = data.events.map { EventJSON(event: $0, showActor: showActor) }
        statements = data.statements.map { StatementJSON(record: $0, showAuthor: false) }
        follow_ups = data.followUps.map(FollowUpJSON.init)
        let caseId = data.record.id.lowercased
        documents = data.documents.map { DocumentJSON($0, download: $0.purged ? nil : "/api/v1/cases/\(caseId)/documents/\($0.id.lowercased)") }
    }
}

struct PartyContactJSON: Encodable {
    let role: String
    let filer: Bool
    let name: String?
    let email: String?
    let address: PostalAddress?
}

struct AccessLogEntryJSON: Encodable {
    let seq: Int
    let at: String
    let type: String
    let actor_role: String
    let actor_staff_id: String?
    let actor_name: String?
    let data: JSONValue

    init(_ entry: AccessLogEntry) {
        seq = entry.seq
        at = Timestamp.format(entry.at)
        type = entry.type
        actor_role = entry.actorRole
        actor_staff_id = entry.staffId?.lowercased
        actor_name = entry.staffName
        data = entry.data
    }
}
