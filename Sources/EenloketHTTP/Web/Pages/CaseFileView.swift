import EenloketDomain
import EenloketStore
import Foundation

/// The case file and the consents on the case pages, from the same records and
/// rules the API uses: the list holds only what the repository let this reader
/// see, and the form offers only what `DocumentRules` allows.
extension CaseView {
    /// `consents` is nil for a reader who may not see them: the form then offers no
    /// information from treating physicians, so it cannot tell whether consent was given.
    static func caseFile(
        _ documents: [DocumentRecord], caller: Caller, consents: Consents?, mayAdd: Bool, downloadBase: String, uploadAction: String,
        csrf: String, maxBytes: Int, errors: [FieldError]
    ) -> CaseFilePart {
        let rows = documentRows(documents, downloadBase: downloadBase)
        let kinds = DocumentKind.allCases.filter { kind in
            DocumentRules.medicalAllowed(DocumentRules.isMedical(kind: kind, marked: false), by: caller).isAllowed
                && DocumentRules.consentAllowed(kind: kind, by: caller, consents: consents ?? Consents()).isAllowed
        }
        let megabytes = maxBytes / (1024 * 1024)
        let hint: String
        switch caller.party?.role {
        case .employee:
            hint = "Een PDF, PNG of JPEG (bijvoorbeeld een foto van een brief), hoogstens \(megabytes) MB. Uw werkgever en het panel zien het stuk ook. "
                + "Is het medisch? Zet dan een vinkje. Dan zien alleen Eenloket en de artsen van het panel het. "
                + "Informatie van een behandelend arts is altijd medisch."
        case .employer:
            hint = "Een PDF, PNG of JPEG, hoogstens \(megabytes) MB. Het panel, Eenloket en de werknemer zien het stuk. "
                + "Voeg geen medische stukken toe: die komen van de werknemer of de artsen."
        case nil:
            hint = "Een PDF, PNG of JPEG, hoogstens \(megabytes) MB. Beide partijen zien het stuk, behalve een medisch stuk: "
                + "dat ziet de werkgever niet, en van het panel alleen de artsen."
        }
        let fieldErrors = errors.map { FormErrorItem(message: $0.message, href: "#" + FilingForm.id("stukken." + $0.field)) }
        return CaseFilePart(
            documents: rows, hasDocuments: !rows.isEmpty, mayAdd: mayAdd, uploadAction: uploadAction, csrf: csrf,
            kinds: kinds.map { SelectOption(value: $0.rawValue, label: Labels.documentKind($0)) },
            mayMarkMedical: DocumentRules.medicalAllowed(true, by: caller).isAllowed,
            medicalLabel: caller.party != nil
                ? "Dit stuk is medisch (uw werkgever ziet het dan niet)" : "Dit stuk is medisch (de werkgever ziet het dan niet)",
            hint: hint, errors: FormErrors(fieldErrors), fileError: errors.first { $0.field == "file" }?.message)
    }

    /// The documents as listed on a page; a purged one keeps its kind, size and time, without a link.
    static func documentRows(_ documents: [DocumentRecord], downloadBase: String) -> [DocumentRow] {
        documents.map { d in
            DocumentRow(
                kindLabel: Labels.documentKind(d.kind), filename: d.purged ? "Verwijderd (bewaartermijn voorbij)" : d.filename,
                href: d.purged ? nil : "\(downloadBase)/\(d.id.lowercased)", size: Labels.fileSize(d.size),
                addedBy: Labels.role(d.uploadedBy).lowercased(), addedAt: Labels.moment(d.uploadedAt), medical: d.medical,
                description: d.description)
        }
    }

    /// The consents for a reader who may see them (`record.medical` is there
    /// exactly then); nil for everyone else.
    static func consents(_ record: CaseRecord, mayChange: Bool, csrf: String, errors: [FieldError]) -> ConsentPart? {
        guard record.medical != nil else { return nil }
        let (treating, share) = (record.consents[.treatingPhysician], record.consents[.shareWithOwnPhysician])
        return ConsentPart(
            treatingPhysicianGiven: treating.given, treatingPhysicianState: Labels.consent(treating), shareGiven: share.given,
            shareState: Labels.consent(share), mayChange: mayChange, csrf: csrf,
            errors: FormErrors(errors.map { FormErrorItem(message: $0.message, href: "#veld-toestemming-treating-physician") }))
    }
}

/// How a refused upload is shown on the form: the status the API would give,
/// and the message at the file field. Other errors are not the form's.
enum DocumentFormError {
    static func shown(_ error: AppError) -> (status: Int, errors: [FieldError])? {
        switch error {
        case .invalid(let errors): return (422, errors)
        case .documentTooLarge(let why): return (413, [FieldError("file", why)])
        case .unsupportedDocument(let why): return (415, [FieldError("file", why)])
        case .malformed(let why): return (400, [FieldError("file", why)])
        case .unavailable:
            return (
                503,
                [FieldError("file", "Wij kunnen het bestand nu niet verwerken of op virussen controleren. Het is niet opgeslagen. Probeer het over een paar minuten opnieuw.")]
            )
        default: return nil
        }
    }
}
