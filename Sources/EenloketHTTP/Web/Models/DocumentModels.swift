import EenloketDomain
import EenloketStore
import Foundation

/// `_documents.mustache`: the case file as the reader may see it and, when the
/// reader may add to it, the upload form (multipart, no JavaScript).
struct CaseFilePart: Sendable {
    let documents: [DocumentRow]
    let hasDocuments: Bool
    let mayAdd: Bool
    /// Where the form posts: the party's page or the staff case page.
    let uploadAction: String
    let csrf: String
    /// The kinds this reader may add (the rules decide; the form only offers them).
    let kinds: [SelectOption]
    let mayMarkMedical: Bool
    let medicalLabel: String
    /// Who else will see the document, in words.
    let hint: String
    let errors: FormErrors?
    let fileError: String?
}

struct DocumentRow: Sendable {
    let kindLabel: String
    let filename: String
    /// The download link; nil once the retention purge removed the content.
    let href: String?
    let size: String
    let addedBy: String
    let addedAt: String
    let medical: Bool
    let description: String?
}

/// The employee's consents: a form for the employee, read-only for staff who see medical fields.
struct ConsentPart: Sendable {
    let treatingPhysicianGiven: Bool
    let treatingPhysicianState: String
    let shareGiven: Bool
    let shareState: String
    let mayChange: Bool
    let csrf: String
    let errors: FormErrors?
}
