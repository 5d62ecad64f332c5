import EenloketDomain
import EenloketStore
import Foundation

/// Dutch words for the values the pages show.
enum Labels {
    static func status(_ status: CaseStatus) -> String {
        switch status {
        case .submitted: return "Ingediend"
        case .awaitingPanel: return "Wacht op een panel"
        case .inReview: return "In behandeling bij het panel"
        case .draftRuling: return "Concept-oordeel: reageren kan"
        case .ruled: return "Oordeel gegeven"
        case .referred: return "Doorverwezen"
        case .answered: return "Beantwoord"
        case .withdrawn: return "Ingetrokken"
        }
    }

    static func caseType(_ type: CaseType?) -> String {
        switch type {
        case .secondOpinion?: return "Medisch advies (second opinion)"
        case .workCapacity?: return "Kan ik mijn eigen werk doen?"
        case .suitableWork?: return "Is het werk passend?"
        case .reintegrationEffort?: return "Is er genoeg gedaan voor re-integratie?"
        case .trackTwo?: return "Spoor 2: werk bij een andere werkgever"
        case .other?: return "Overig"
        case nil: return "Nog niet bepaald"
        }
    }

    static func discipline(_ discipline: Discipline) -> String {
        switch discipline {
        case .bedrijfsarts: return "Bedrijfsarts"
        case .verzekeringsarts: return "Verzekeringsarts"
        case .arbeidsdeskundige: return "Arbeidsdeskundige"
        }
    }

    static func appealOutcome(_ outcome: AppealOutcome) -> String {
        switch outcome {
        case .upheld: return "Het oordeel blijft gelden"
        case .setAside: return "Opzij gezet door de rechter"
        case .settled: return "Schikking tussen de partijen"
        case .withdrawn: return "Beroep ingetrokken"
        }
    }

    static func outcome(_ outcome: RulingOutcome) -> String {
        switch outcome {
        case .upheld: return "Het advies of standpunt blijft staan"
        case .partlyUpheld: return "Het advies of standpunt blijft deels staan"
        case .overturned: return "Het advies of standpunt klopt niet"
        }
    }

    static func stage(_ stage: DeadlineStage) -> String {
        switch stage {
        case .triage: return "Beoordeling van de vraag"
        case .panel: return "Samenstellen van het panel"
        case .ruling: return "Oordeel"
        }
    }

    static func role(_ role: String) -> String {
        [
            "employee": "Werknemer", "employer": "Werkgever", "system": "Eenloket", "intake_officer": "Intakemedewerker",
            "panel_member": "Panellid", "coordinator": "Coördinator", "admin": "Beheerder", "inspector": "Toezichthouder",
        ][role] ?? role
    }

    /// The Dutch name of a history event; exhaustive, so a new event type cannot go unnamed on the pages.
    static func event(_ type: String) -> String {
        guard let known = EventType(rawValue: type) else { return type }
        switch known {
        case .caseFiled: return "Vraag ingediend"
        case .caseTriaged: return "Vraag beoordeeld"
        case .partyInvited: return "Andere partij uitgenodigd"
        case .partyLinkFirstUsed: return "De persoonlijke link van de uitgenodigde partij is voor het eerst gebruikt"
        case .partyVerified: return "Gecontroleerd dat de link bij de werknemer hoort"
        case .memberAssigned: return "Panellid aangewezen"
        case .panelCompleted: return "Panel compleet"
        case .panelChanged: return "Panel gewijzigd"
        case .statementAdded: return "Reactie toegevoegd"
        case .rulingRecorded: return "Oordeel gegeven"
        case .caseWithdrawn: return "Zaak ingetrokken"
        case .appealLodged: return "Beroep bij de rechter vastgelegd"
        case .medicalDataViewed: return "Medische gegevens ingezien door een medewerker"
        case .dataExported: return "Gegevens bekeken of gedownload door een partij"
        case .reminderSent: return "Herinnering verstuurd"
        case .deadlineMissed: return "Termijn verstreken"
        case .escalated: return "Voorgelegd aan een coördinator"
        case .followUpAnswered: return "Nazorgvragen beantwoord"
        case .followUpMissed: return "Nazorgvragen niet beantwoord"
        case .letterPrinted: return "Brief verstuurd"
        case .letterReprinted: return "Brief opnieuw verstuurd met een nieuwe link"
        case .personalDataPurged: return "Namen, adressen en reacties verwijderd (bewaartermijn voorbij)"
        case .bindingAgreed: return "Akkoord met een bindend oordeel"
        case .appealDecided: return "Uitspraak van de rechter vastgelegd"
        case .draftIssued: return "Concept van het oordeel verstuurd"
        case .draftCommented: return "Gereageerd op het concept"
        case .objectionLodged: return "Bezwaar tegen een panellid ingediend"
        case .objectionDecided: return "Over een bezwaar tegen een panellid beslist"
        case .memberSteppedAside: return "Panellid teruggetreden"
        case .appointmentScheduled: return "Afspraak gepland"
        case .appointmentAnswered: return "Antwoord op een afspraak gegeven"
        case .appointmentCancelled: return "Afspraak afgezegd"
        case .appointmentReported: return "Verslag van een afspraak vastgelegd"
        case .documentAdded: return "Stuk toegevoegd aan het dossier"
        case .consentChanged: return "Toestemming gegeven of ingetrokken"
        case .accessLinkSent: return "Nieuwe link gemaild"
        case .medicalFilePurged: return "Medisch dossier verwijderd (bewaartermijn voorbij)"
        case .returnToWorkRecorded: return "Datum van terugkeer naar werk vastgelegd"
        }
    }

    static func staffChange(_ change: StaffChange) -> String {
        switch change {
        case .created: return "Aangemaakt"
        case .updated: return "Gewijzigd"
        case .deactivated: return "Uitgeschakeld"
        case .reactivated: return "Weer ingeschakeld"
        case .passwordChanged: return "Nieuw wachtwoord"
        case .otpReset: return "Inlogcode-app losgekoppeld"
        }
    }

    static func staffField(_ field: String) -> String {
        [
            "email": "e-mailadres", "name": "naam", "role": "rol", "password": "wachtwoord", "active": "actief", "panel": "panelgegevens",
            "otp": "inlogcode-app", "panel.big_number": "BIG-nummer", "panel.registered_since": "registratiedatum",
            "panel.affiliations": "banden met organisaties", "panel.max_open_cases": "maximaal aantal zaken",
        ][field] ?? field
    }

    static func date(_ day: LocalDate) -> String { Dutch.date(day) }

    static func verificationChannel(_ channel: VerificationChannel) -> String {
        switch channel {
        case .phone: return "Aan de telefoon"
        case .inPerson: return "Bij een afspraak"
        }
    }

    static func reprintReason(_ reason: ReprintReason) -> String {
        switch reason {
        case .notReceived: return "De brief is niet aangekomen"
        case .lost: return "De brief of de link is kwijt"
        case .wrongPerson: return "De brief of de link is bij iemand anders terechtgekomen"
        }
    }

    /// "23 november 2026 om 14:28", in Amsterdam time.
    static func moment(_ instant: Date) -> String { Dutch.moment(instant) }
}

/// Dutch names of the API fields the staff forms send, per form, for the error
/// summary ("Soort zaak: Dit veld is verplicht." rather than "case_type: …").
enum FieldLabels {
    static let byForm: [String: [String: String]] = [
        "beoordeling": [
            "decision": "Besluit", "case_type": "Soort zaak", "disciplines": "Disciplines",
            "other_options_exhausted": "Andere mogelijkheden geprobeerd", "motivation": "Motivering",
            "deviation_reason": "Reden voor later dan gewenst", "other_party": "Contact met de andere partij",
            "other_party.email": "E-mailadres van de andere partij", "other_party.address": "Postadres van de andere partij",
            "other_party.address.street": "Straat en huisnummer", "other_party.address.postal_code": "Postcode",
            "other_party.address.city": "Plaats", "other_party.verified": "Gecontroleerd",
        ],
        "bevestiging": ["code": "Controlecode", "how": "Hoe gesproken"],
        "uitspraak": [
            "outcome": "Uitkomst", "decision": "Besluit", "motivation": "Onderbouwing",
            "medical_considerations": "Medische overwegingen", "deviation_reason": "Reden voor later dan gewenst",
        ],
        "reactie": ["text": "Reactie", "medical": "Bevat medische informatie"],
        "panel": ["action": "Wat wilt u doen", "discipline": "Discipline", "staff_id": "Panellid", "motivation": "Motivering"],
        "beroep": ["court": "Rechtbank", "lodged_on": "Datum"],
        "panellid": [
            "name": "Naam", "email": "E-mailadres", "password": "Eerste wachtwoord", "panel": "Panelgegevens",
            "panel.discipline": "Discipline", "panel.big_number": "BIG-nummer",
            "panel.registered_since": "Geregistreerd als specialist sinds", "panel.affiliations": "Banden met organisaties",
            "panel.max_open_cases": "Maximaal aantal zaken tegelijk",
        ],
    ]

    /// The label of a field; an unknown field (or a list item such as `disciplines[1]`)
    /// falls back to its parent's label, and at last to a neutral word rather than an API name.
    static func label(_ field: String, form: String) -> String {
        let labels = byForm[form] ?? [:]
        if let label = labels[field] { return label }
        let base = String(field.prefix { $0 != "[" })
        if let label = labels[base] { return label }
        return "Formulier"
    }
}

/// Dutch names and sizes for the case file.
extension Labels {
    static func documentKind(_ kind: DocumentKind) -> String {
        switch kind {
        case .problemAnalysis: return "Probleemanalyse"
        case .actionPlan: return "Plan van aanpak"
        case .physicianAdvice: return "Advies van de bedrijfsarts"
        case .evaluation: return "Evaluatie"
        case .jobDescription: return "Functieomschrijving"
        case .treatingPhysicianInfo: return "Informatie van een behandelend arts"
        case .reintegrationReport: return "Re-integratieverslag"
        case .correspondence: return "Brief of e-mail"
        case .other: return "Ander stuk"
        }
    }

    static func milestone(_ milestone: SicknessMilestone) -> String {
        switch milestone {
        case .problemAnalysis: return "Probleemanalyse"
        case .actionPlan: return "Plan van aanpak"
        case .week42Notice: return "Ziekmelding bij UWV"
        case .firstYearEvaluation: return "Eerstejaarsevaluatie"
        case .wiaApplication: return "WIA-aanvraag"
        case .endOfWageContinuation: return "Einde loondoorbetaling"
        }
    }

    /// "840 kB", "2,4 MB" (Dutch decimal comma).
    static func fileSize(_ bytes: Int64) -> String {
        if bytes < 1024 * 1024 { return "\(max(1, (bytes + 1023) / 1024)) kB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10),\(tenths % 10) MB"
    }

    /// "gegeven op 3 december 2026 om 10:15", "niet gegeven", "ingetrokken op …".
    static func consent(_ state: ConsentState) -> String {
        guard let at = state.at else { return "Niet gegeven." }
        return state.given ? "Gegeven op \(moment(at))." : "Ingetrokken op \(moment(at))."
    }
}
