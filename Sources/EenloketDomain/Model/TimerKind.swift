/// What a durable timer does when it fires.
public enum TimerKind: String, Sendable, CaseIterable, Codable {
    /// A stage's preferred moment passed: remind whoever must act.
    case preferredPassed = "preferred_passed"
    /// A stage's latest deadline passed: record it and escalate to the coordinators.
    case duePassed = "due_passed"
    /// An after-care check-in is due: invite the party to answer.
    case followUpDue = "follow_up_due"
    /// An after-care check-in was not answered in time.
    case followUpMissed = "follow_up_missed"
    /// A member's absence ended: waiting cases may be routed to them again.
    case absenceEnded = "absence_ended"
    /// The parties' window to comment on a draft ruling closed: tell them and the chair.
    case draftWindowClosed = "draft_window_closed"
    /// One working day before an appointment: remind the parties it invited.
    case appointmentReminder = "appointment_reminder"
}
