import EenloketDomain
import Foundation

/// What a page offers, asked of `CaseActions`: a form exactly when the action
/// is allowed now, and the reason when it must wait. Pages hold no rule of their own.
struct ActionButtons {
    let caller: Caller
    let facts: CaseFacts
    let now: Date

    func may(_ action: CaseAction, medical: Bool = false) -> Bool {
        CaseActions.decide(action, by: caller, on: facts, at: now, medical: medical).isAllowed
    }

    func may(_ action: CaseAction, on appointment: AppointmentFacts) -> Bool {
        CaseActions.onAppointment(action, appointment, by: caller, on: facts, at: now).isAllowed
    }

    func waitsFor(_ action: CaseAction) -> String? {
        CaseActions.decide(action, by: caller, on: facts, at: now).waitsFor
    }
}
