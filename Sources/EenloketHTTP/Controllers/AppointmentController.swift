import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Appointments of a case: a hearing session or a medical examination.
struct AppointmentController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("{id}/appointments", use: list)
            .post("{id}/appointments", use: plan)
            .post("{id}/appointments/{appointmentId}/response", use: answer)
            .post("{id}/appointments/{appointmentId}/cancel", use: cancel)
            .post("{id}/appointments/{appointmentId}/report", use: report)
    }

    /// `GET /api/v1/cases/{id}/appointments` (whoever may see the case).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.read, context.caller).enforce()
        let items = try await deps.cases.appointments(try context.uuidParameter("id"), caller: context.caller, at: deps.now)
        return try JSONResponse.make(ItemsJSON(items: items.map { AppointmentJSON($0, staff: context.caller.staff != nil) }))
    }

    /// `POST /api/v1/cases/{id}/appointments` (the chair, or a coordinator).
    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.planAppointment, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let plan = try AppointmentRequest.parse(try await JSONBody.object(request))
        let appointment = try await deps.cases.planAppointment(id, plan, by: context.caller, at: deps.now)
        return try JSONResponse.make(AppointmentJSON(appointment, staff: true), status: .created)
    }

    /// `POST …/appointments/{appointmentId}/response` (a party the appointment invited).
    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.answerAppointment, context.caller).enforce()
        let (id, appointment) = (try context.uuidParameter("id"), try context.uuidParameter("appointmentId"))
        let (attending, note) = try AppointmentAnswerRequest.parse(try await JSONBody.object(request))
        let stored = try await deps.cases.answerAppointment(
            id, appointment: appointment, attending: attending, note: note, by: context.caller, at: deps.now)
        return try JSONResponse.make(AppointmentJSON(stored, staff: false))
    }

    /// `POST …/appointments/{appointmentId}/cancel` (the chair, or a coordinator).
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.cancelAppointment, context.caller).enforce()
        let (id, appointment) = (try context.uuidParameter("id"), try context.uuidParameter("appointmentId"))
        let reason = try AppointmentCancelRequest.parse(try await JSONBody.object(request))
        let stored = try await deps.cases.cancelAppointment(id, appointment: appointment, reason: reason, by: context.caller, at: deps.now)
        return try JSONResponse.make(AppointmentJSON(stored, staff: true))
    }

    /// `POST …/appointments/{appointmentId}/report` (the chair, after it started).
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.reportAppointment, context.caller).enforce()
        let (id, appointment) = (try context.uuidParameter("id"), try context.uuidParameter("appointmentId"))
        let (held, summary, notes) = try AppointmentReportRequest.parse(try await JSONBody.object(request))
        let stored = try await deps.cases.reportAppointment(
            id, appointment: appointment, held: held, summary: summary, medicalNotes: notes, by: context.caller, at: deps.now)
        return try JSONResponse.make(AppointmentJSON(stored, staff: true))
    }
}
