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
            .get("{id}/events", use: events)
            .delete("{id}/otp", use: resetOTP)
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
        let record = try await Self.create(new, by: creator, deps: deps)
        context.logger.info("staff created", metadata: ["staff_id": "\(record.id.lowercased)", "role": "\(record.role.rawValue)"])
        return try JSONResponse.make(
            StaffJSON(record: record), status: .created, headers: [.location: "/api/v1/staff/\(record.id.lowercased)"])
    }

    /// Creates an account, for the API and the pages alike. One with access to
    /// medical data made by someone other than an admin waits, inactive, for an
    /// admin (who is told); a new panel member may take waiting cases at once.
    static func create(_ new: NewStaff, by creator: StaffPrincipal, deps: AppDependencies) async throws -> StaffRecord {
        let hash = try await deps.passwords.hash(new.password)
        let awaiting = Permissions.awaitsAdminActivation(createdBy: creator.role, role: new.role, discipline: new.panel?.discipline)
        let creatorName = try await deps.staff.find(creator.id)?.name ?? creator.role.rawValue
        let record = try await deps.staff.create(
            new, passwordHash: hash, awaitingActivation: awaiting, by: creator.id, creatorName: creatorName, at: deps.now)
        guard record.panel != nil else { return record }
        if record.active { await deps.cases.rerouteAfterRelease(at: deps.now) }
        return try await deps.staff.find(record.id) ?? record
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
        let body = try await JSONBody.object(request)
        let after = try await Self.update(id, body, by: editor, deps: deps)
        return try JSONResponse.make(StaffJSON(record: after))
    }

    /// Changes an account, for the API and the pages alike: who may change
    /// which account (403), the request's rules (422), only an admin changes
    /// another account's password or e-mail address (403), and waiting cases
    /// are routed when the change can free capacity. Returns the account after.
    static func update(_ id: UUID, _ body: [String: JSONValue], by editor: StaffPrincipal, deps: AppDependencies) async throws -> StaffRecord {
        guard let account = try await deps.staff.find(id) else { throw AppError.notFound }
        guard Permissions.mayManage(editor.role, accountRole: account.role) else {
            throw AppError.forbidden("Een \(editor.role.rawValue) mag een account met de rol \(account.role.rawValue) niet wijzigen.")
        }
        var (patch, password) = try UpdateStaffRequest.parse(body, account: account, today: deps.today)
        if (patch.email != nil || password != nil) && !Permissions.mayChangeCredentials(editor.role) {
            throw AppError.forbidden(
                "Alleen een beheerder wijzigt het wachtwoord of e-mailadres van een ander account. Een medewerker wijzigt het eigen wachtwoord zelf.")
        }
        if password != nil && !Permissions.maySetPasswordWithoutCurrent(editor: editor.id, account: id) {
            throw AppError.forbidden("Uw eigen wachtwoord wijzigt u met uw huidige wachtwoord erbij: POST /api/v1/account/password.")
        }
        switch Permissions.activation(
            of: (account.awaitingActivation, account.active), by: editor.role, activating: patch.active == true, hasNewPassword: password != nil)
        {
        case .allowed: break
        case .forbidden:
            throw AppError.forbidden("Dit account kan medische gegevens zien. Alleen een beheerder activeert het.")
        case .needsNewPassword:
            throw AppError.invalid(
                "password", "Stel bij het activeren een nieuw wachtwoord in. Het wachtwoord van wie het account aanmaakte, werkt dan niet meer.")
        }
        if let password { patch.passwordHash = try await deps.passwords.hash(password) }
        let result = try await deps.staff.update(id, patch, by: editor.id, at: deps.now)
        if mayFreeCapacity(before: result.before, after: result.after) {
            await deps.cases.rerouteAfterRelease(at: deps.now)
        }
        guard result.after.panel != nil else { return result.after }
        return try await deps.staff.find(id) ?? result.after
    }

    /// `DELETE /api/v1/staff/{id}/otp` (admins): unlinks the account's
    /// authenticator (a lost phone); its sessions end, the holder is told, the
    /// next login enrols again.
    @Sendable func resetOTP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireStaff(Permissions.staffAuditors, to: "een inlogcode-app loskoppelen")
        try await deps.twoStep.reset(try context.uuidParameter("id"), by: admin.id, serviceURL: deps.configuration.effectivePublicURL, at: deps.now)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// `GET /api/v1/staff/{id}/events` (admins): the account's append-only history.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(Permissions.staffAuditors, to: "de geschiedenis van een account zien")
        let id = try context.uuidParameter("id")
        guard try await deps.staff.find(id) != nil else { throw AppError.notFound }
        let items = try await deps.staff.events(of: id)
        return try JSONResponse.make(ItemsJSON(items: items.map(StaffEventJSON.init)))
    }

    /// Whether a change can make a member newly eligible for waiting cases.
    static func mayFreeCapacity(before: StaffRecord, after: StaffRecord) -> Bool {
        guard let newPanel = after.panel, after.active else { return false }
        return !before.active || newPanel.maxOpenCases > (before.panel?.maxOpenCases ?? 0)
            || newPanel.affiliations != before.panel?.affiliations
    }

}
