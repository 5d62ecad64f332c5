import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Staff accounts: admins manage all; coordinators manage intake officers and panel members.
struct StaffController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post(use: create)
            .get("{id}", use: show)
            .patch("{id}", use: update)
            .get("{id}/absences", use: absences)
            .post("{id}/absences", use: addAbsence)
            .delete("{id}/absences/{absenceId}", use: removeAbsence)
    }

    // MARK: Absences

    /// The member themselves, a coordinator or an admin (401 before 404, 403 before 404).
    private func absenceManager(_ context: AppRequestContext) throws -> UUID {
        let staff = try context.requireStaff([.panelMember, .coordinator, .admin], to: "afwezigheid beheren")
        let id = try context.uuidParameter("id")
        if staff.role == .panelMember && staff.id != id {
            throw AppError.forbidden("Een panellid beheert alleen de eigen afwezigheid.")
        }
        return id
    }

    /// `GET /api/v1/staff/{id}/absences`.
    @Sendable func absences(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try absenceManager(context)
        guard try await deps.staff.find(id)?.panel != nil else { throw AppError.notFound }
        let items = try await deps.coordination.absences(of: id)
        return try JSONResponse.make(ItemsJSON(items: items.map(AbsenceJSON.init)))
    }

    /// `POST /api/v1/staff/{id}/absences`: routing skips the member meanwhile.
    @Sendable func addAbsence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try absenceManager(context)
        let input = try AbsenceRequest.parse(try await JSONBody.object(request), today: deps.today)
        let record = try await deps.coordination.addAbsence(
            staffId: id, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, at: deps.now)
        return try JSONResponse.make(
            AbsenceJSON(record: record), status: .created,
            headers: [.location: "/api/v1/staff/\(id.lowercased)/absences/\(record.id.lowercased)"])
    }

    /// `DELETE /api/v1/staff/{id}/absences/{absenceId}`.
    @Sendable func removeAbsence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try absenceManager(context)
        try await deps.coordination.removeAbsence(try context.uuidParameter("absenceId"), staffId: id, at: deps.now)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// `POST /api/v1/staff`.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let creator = try context.requireStaff(Permissions.staffManagers, to: "accounts aanmaken")
        let new = try CreateStaffRequest.parse(try await JSONBody.object(request), creator: creator.role, today: deps.today)
        let hash = try await deps.passwords.hash(new.password)
        let record = try await deps.staff.create(new, passwordHash: hash, at: deps.now)
        if record.panel != nil { await deps.cases.rerouteAfterRelease(at: deps.now) }
        context.logger.info("staff created", metadata: ["staff_id": "\(record.id.lowercased)", "role": "\(record.role.rawValue)"])
        return try JSONResponse.make(
            StaffJSON(record: try await reread(record)), status: .created,
            headers: [.location: "/api/v1/staff/\(record.id.lowercased)"])
    }

    /// `GET /api/v1/staff/{id}`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(Permissions.staffManagers, to: "accounts bekijken")
        guard let record = try await deps.staff.find(try context.uuidParameter("id")) else { throw AppError.notFound }
        return try JSONResponse.make(StaffJSON(record: record))
    }

    /// `PATCH /api/v1/staff/{id}`: lowering `max_open_cases` removes nobody from a
    /// panel; activating a member or raising their capacity routes waiting cases.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let editor = try context.requireStaff(Permissions.staffManagers, to: "accounts wijzigen")
        let id = try context.uuidParameter("id")
        guard let account = try await deps.staff.find(id) else { throw AppError.notFound }
        guard Permissions.mayManage(editor.role, accountRole: account.role) else {
            throw AppError.forbidden("Een \(editor.role.rawValue) mag een account met de rol \(account.role.rawValue) niet wijzigen.")
        }
        var (patch, password) = try UpdateStaffRequest.parse(try await JSONBody.object(request), account: account, today: deps.today)
        if let password { patch.passwordHash = try await deps.passwords.hash(password) }
        let result = try await deps.staff.update(id, patch, at: deps.now)
        if Self.mayFreeCapacity(before: result.before, after: result.after) {
            await deps.cases.rerouteAfterRelease(at: deps.now)
        }
        return try JSONResponse.make(StaffJSON(record: try await reread(result.after)))
    }

    /// Whether a change can make a member newly eligible for waiting cases.
    static func mayFreeCapacity(before: StaffRecord, after: StaffRecord) -> Bool {
        guard let newPanel = after.panel, after.active else { return false }
        return !before.active || newPanel.maxOpenCases > (before.panel?.maxOpenCases ?? 0)
            || newPanel.affiliations != before.panel?.affiliations
    }

    /// The account after any routing it caused (its `open_cases` may have changed).
    private func reread(_ record: StaffRecord) async throws -> StaffRecord {
        guard record.panel != nil else { return record }
        return try await deps.staff.find(record.id) ?? record
    }
}
