import Foundation

/// What a document in the case file is (contract Part 2, "Documents").
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case problemAnalysis = "problem_analysis"
    case actionPlan = "action_plan"
    case physicianAdvice = "physician_advice"
    case evaluation
    case jobDescription = "job_description"
    case treatingPhysicianInfo = "treating_physician_info"
    case reintegrationReport = "reintegration_report"
    case correspondence
    case other

    /// Information from a treating physician is always medical.
    public var alwaysMedical: Bool { self == .treatingPhysicianInfo }
}

/// The document types accepted, judged from the bytes.
public enum DocumentType: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"

    /// How many leading bytes `sniff` needs.
    public static let signatureLength = 8

    /// The type the first bytes show, whatever the name or the declared type say.
    public static func sniff(_ head: [UInt8]) -> DocumentType? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// "PDF, PNG of JPEG", for messages.
    public static let acceptedInWords = "PDF, PNG of JPEG"
}

/// The rules for adding a document, beyond who may act on the case.
public enum DocumentRules {
    /// Content is stored in chunks of this many bytes.
    public static let chunkBytes = 256 * 1024
    /// A multipart body may exceed the document by this much (headers, boundaries, the other parts).
    public static let formOverheadBytes = 64 * 1024

    /// Whether the document is medical: always for information from treating
    /// physicians, else as marked.
    public static func isMedical(kind: DocumentKind, marked: Bool) -> Bool { kind.alwaysMedical || marked }

    /// 422 when the caller may not add a medical document (the employer, as with medical information).
    public static func medicalAllowed(_ medical: Bool, by caller: Caller) -> ActionVerdict {
        if medical, let party = caller.party, party.role == .employer {
            return .invalid(field: "medical", message: "Een werkgever voegt geen medische stukken toe. Medische informatie komt van de werknemer of de artsen.")
        }
        return .allowed
    }

    /// 422 when staff add information from a treating physician while the employee has not consented to it.
    /// The employee may always add their own physician's letters: adding them is their choice.
    public static func consentAllowed(kind: DocumentKind, by caller: Caller, consents: Consents) -> ActionVerdict {
        guard kind == .treatingPhysicianInfo, caller.staff != nil, !consents[.treatingPhysician].given else { return .allowed }
        return .invalid(
            field: "kind",
            message: "Informatie van een behandelend arts kan alleen worden toegevoegd als de werknemer daar toestemming voor geeft.")
    }

    /// A file name as stored and shown: the last path component, without control
    /// characters or quotes, at most 255 characters; "document" when nothing is left.
    public static func cleanFilename(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }
        let name = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        // At most 255 code points, as PostgreSQL's char_length counts.
        return name.isEmpty ? "document" : String(String.UnicodeScalarView(name.unicodeScalars.prefix(255)))
    }
}
