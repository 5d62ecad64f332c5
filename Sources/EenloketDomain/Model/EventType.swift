/// Every kind of event in a case's history. The database stores the raw
/// value; SQL functions that append events (filing, routing, retention) use
/// the same names, and a test keeps the lists equal.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case caseFiled = "case_filed"
    case caseTriaged = "case_triaged"
    case partyInvited = "party_invited"
    /// The invited party used its current link for the first time.
    case partyLinkFirstUsed = "party_link_first_used"
    /// Staff verified that an invited party's link reached that party.
    case partyVerified = "party_verified"
    case memberAssigned = "member_assigned"
    case panelCompleted = "panel_completed"
    case panelChanged = "panel_changed"
    case statementAdded = "statement_added"
    case rulingRecorded = "ruling_recorded"
    case caseWithdrawn = "case_withdrawn"
    case appealLodged = "appeal_lodged"
    case medicalDataViewed = "medical_data_viewed"
    case dataExported = "data_exported"
    case reminderSent = "reminder_sent"
    case deadlineMissed = "deadline_missed"
    case escalated
    case followUpAnswered = "follow_up_answered"
    case followUpMissed = "follow_up_missed"
    case letterPrinted = "letter_printed"
    /// A letter printed again: a new link, the old one stops working.
    case letterReprinted = "letter_reprinted"
    case personalDataPurged = "personal_data_purged"
    /// A party agreed to be bound by the ruling.
    case bindingAgreed = "binding_agreed"
    /// A coordinator recorded what the court decided about an appeal.
    case appealDecided = "appeal_decided"
    /// The chair issued a draft ruling.
    case draftIssued = "draft_issued"
    /// A party commented on the draft, or said it had no comments.
    case draftCommented = "draft_commented"
    /// A party objected to a member of the panel.
    case objectionLodged = "objection_lodged"
    /// A coordinator or an admin decided an objection.
    case objectionDecided = "objection_decided"
    /// A member of the panel stepped aside.
    case memberSteppedAside = "member_stepped_aside"
    case appointmentScheduled = "appointment_scheduled"
    /// A party said whether it comes.
    case appointmentAnswered = "appointment_answered"
    case appointmentCancelled = "appointment_cancelled"
    case appointmentReported = "appointment_reported"
    case documentAdded = "document_added"
    case consentChanged = "consent_changed"
    /// A party asked for a new link on "Link kwijt?" and got one by e-mail.
    case accessLinkSent = "access_link_sent"
    /// The retention purge removed the medical file (its own period, after the other personal data or before).
    case medicalFilePurged = "medical_file_purged"
    /// The day the employee returned to work was recorded; after-care counts from it.
    case returnToWorkRecorded = "return_to_work_recorded"
}
