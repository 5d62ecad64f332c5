import Foundation

/// The messages Eenloket sends, in plain Dutch (language level B1).
///
/// A message names the case by its reference and links to the service; it
/// never holds medical text, and never a token other than the recipient's own
/// (an invitation's link gets its token only when it is delivered).
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    case caseReceived = "case_received"
    case caseTriaged = "case_triaged"
    case panelAssigned = "panel_assigned"
    case invitation
    case statementFromOtherParty = "statement_from_other_party"
    case rulingRecorded = "ruling_recorded"
    case followUpDue = "follow_up_due"
    case newCase = "new_case"
    case memberAssigned = "member_assigned"
    case statementAdded = "statement_added"
    case reminder
    case escalation
    case appealDecided = "appeal_decided"
    case bindingAgreed = "binding_agreed"
    case draftIssued = "draft_issued"
    case draftCommented = "draft_commented"
    case draftWindowClosed = "draft_window_closed"
    case objectionLodged = "objection_lodged"
    case objectionDecided = "objection_decided"
    case memberSteppedAside = "member_stepped_aside"
    case appointmentScheduled = "appointment_scheduled"
    case appointmentCancelled = "appointment_cancelled"
    case appointmentReminder = "appointment_reminder"
    case appointmentReported = "appointment_reported"
    case appealLodged = "appeal_lodged"
    /// A new private link, asked for on "Link kwijt?".
    case accessLink = "access_link"
}

/// A rendered message.
public struct Message: Sendable, Equatable {
    public let subject: String
    public let body: String
}

public enum Messages {
    /// Where a party's private link goes in a message body; filled in at delivery.
    public static let privateLinkPlaceholder = "{{PRIVE_LINK}}"
    /// Where an invitation letter's last day to respond goes; filled in when
    /// the letter is printed and sent, which starts its window.
    public static let respondByPlaceholder = "{{REAGEER_UITERLIJK}}"

    /// The message to both parties when the panel recorded its ruling: a
    /// binding ruling and an advisory opinion are different things to them.
    public static func ruling(
        binding: Bool, basis: BindingBasis, appealUntil: LocalDate, reference: String, serviceURL: String
    ) -> Message {
        let text: String
        if binding {
            text = "Het panel heeft een bindend oordeel gegeven in uw zaak.\n"
                + (basis == .statute
                    ? "U houdt zich er allebei aan; dat zegt de wet.\n"
                    : "U heeft allebei vooraf afgesproken dat u zich eraan houdt.\n")
                + "Bent u het er niet mee eens? Dan kunt u naar de rechter, uiterlijk \(Dutch.date(appealUntil)). "
                + "De rechter kijkt alleen of het onaanvaardbaar is om u aan het oordeel te houden. "
                + "Zolang de rechter niet heeft beslist, geldt het oordeel.\n"
        } else {
            text = "Het panel heeft een advies gegeven in uw zaak.\n"
                + "Het advies is niet bindend, omdat niet allebei de partijen vooraf akkoord gingen met een bindend oordeel.\n"
        }
        return Message(
            subject: binding ? "Het panel heeft een bindend oordeel gegeven (\(reference))" : "Het panel heeft een advies gegeven (\(reference))",
            body: greeting + text + "\n" + partyLink(reference, serviceURL: serviceURL) + closing)
    }

    /// The invitation to the other party; `respondBy` is the last day to respond, in words.
    public static func invitation(reference: String, respondBy: String?, basis: BindingBasis, serviceURL: String) -> Message {
        let binding =
            basis == .statute
            ? "Het oordeel is bindend: u en de andere partij houden zich er allebei aan; dat zegt de wet.\n"
            : "Het oordeel is alleen bindend als u en de andere partij daar allebei vooraf mee akkoord gaan. "
                + "Op uw pagina leest u wat dat betekent en kunt u akkoord gaan.\n"
        return Message(
            subject: "Uitnodiging: geef uw reactie (\(reference))",
            body: greeting + "Er is bij Eenloket een vraag of geschil ingediend waarbij u betrokken bent.\n"
                + "Zaaknummer: \(reference).\n\n"
                + "Een panel van deskundigen geeft hierover een oordeel. U mag eerst uw kant van het verhaal vertellen.\n"
                + (respondBy.map { "Reageer uiterlijk \($0).\n" } ?? "") + binding
                + "\nOpen uw zaak met deze persoonlijke link:\n\(privateLinkPlaceholder)\n\n"
                + "Bewaar deze link goed en geef hem aan niemand anders. Met de link kunt u de zaak zien en reageren.\n"
                + lostLink(reference, serviceURL: serviceURL) + closing)
    }

    /// A new private link, asked for on "Link kwijt?"; the old link no longer works.
    public static func accessLink(reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Uw nieuwe link voor zaak \(reference)",
            body: greeting + "U vroeg om een nieuwe persoonlijke link voor zaak \(reference).\n"
                + "Open uw zaak met deze link:\n\(privateLinkPlaceholder)\n\n"
                + "Uw oude link werkt niet meer. Bewaar deze nieuwe link goed en geef hem aan niemand anders.\n"
                + "Vroeg u zelf niet om een nieuwe link? Gebruik dan toch deze link; alleen u krijgt hem.\n"
                + lostLink(reference, serviceURL: serviceURL) + closing)
    }

    /// To the chair, when the parties' window on the draft closed.
    public static func draftWindowClosedForChair(reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Concept van zaak \(reference): de termijn voor opmerkingen is voorbij",
            body: "De partijen konden tot nu reageren op het concept van het oordeel in zaak \(reference).\n"
                + "Leg nu het definitieve oordeel vast, en schrijf erbij wat u met de opmerkingen deed.\n\n"
                + "Bekijk de zaak op \(serviceURL)/medewerkers/zaken (zaaknummer \(reference)).\n")
    }

    /// A message about an appointment to the parties it invited: what, when,
    /// where, and what to do; never medical text.
    public static func appointment(
        _ message: MessageKind, kind: AppointmentKind, startsAt: Date, location: String?, onlineURL: String?, reference: String,
        serviceURL: String
    ) -> Message {
        let what = kind == .hearing ? "hoorzitting" : "medisch onderzoek"
        let when = Dutch.moment(startsAt)
        var place = ""
        if let location { place += "Waar: \(location).\n" }
        if let onlineURL { place += "Via video: \(onlineURL)\n" }
        let text: String
        let subject: String
        switch message {
        case .appointmentCancelled:
            subject = "De \(what) gaat niet door (\(reference))"
            text = "De \(what) van \(when) gaat niet door. U hoort het als er een nieuwe afspraak komt.\n"
        case .appointmentReminder:
            subject = "Herinnering: \(what) op \(when) (\(reference))"
            text = "Dit is een herinnering aan de \(what) in uw zaak.\nWanneer: \(when).\n" + place
                + "Kunt u toch niet komen? Laat het dan zo snel mogelijk weten op uw pagina.\n"
        case .appointmentReported:
            subject = "Verslag van de \(what) (\(reference))"
            text = "Het panel heeft vastgelegd hoe de \(what) van \(when) ging. U leest het verslag op uw pagina.\n"
        default:
            subject = "Uitnodiging: \(what) op \(when) (\(reference))"
            text = (kind == .hearing
                    ? "Het panel nodigt u uit voor een hoorzitting. Daar stelt het panel vragen aan u en aan de andere partij.\n"
                    : "Een arts van het panel wil u onderzoeken. Alleen u bent uitgenodigd; uw werkgever niet.\n")
                + "Wanneer: \(when).\n" + place
                + "Laat op uw pagina weten of u komt. Een dag van tevoren krijgt u een herinnering.\n"
        }
        return Message(subject: subject, body: greeting + text + "\n" + partyLink(reference, serviceURL: serviceURL) + closing)
    }

    /// To both parties: what a coordinator decided about an objection to a panel member.
    public static func objectionDecided(upheld: Bool, reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Beslissing over het bezwaar tegen een panellid (\(reference))",
            body: greeting
                + (upheld
                    ? "Het bezwaar tegen een lid van het panel is toegewezen. Dat panellid behandelt uw zaak niet meer.\n"
                        + "Een ander lid neemt de plaats in. Daarna gaat het panel verder met uw zaak.\n"
                    : "Het bezwaar tegen een lid van het panel is afgewezen. Het panel gaat verder met uw zaak.\n")
                + "Op uw pagina leest u de beslissing en de reden.\n\n" + partyLink(reference, serviceURL: serviceURL) + closing)
    }

    /// To the coordinators: an objection waits for their decision.
    public static func objectionForCoordinators(reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Bezwaar tegen een panellid in zaak \(reference)",
            body: "Een partij in zaak \(reference) maakt bezwaar tegen een lid van het panel.\n"
                + "Beslis erover op \(serviceURL)/medewerkers/bezwaren. Tot dan geeft het panel geen oordeel.\n")
    }

    /// To the member an objection was about.
    public static func objectionDecidedForMember(upheld: Bool, reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Beslissing over het bezwaar tegen u in zaak \(reference)",
            body: "Een partij in zaak \(reference) maakte bezwaar tegen u als lid van het panel.\n"
                + (upheld
                    ? "Het bezwaar is toegewezen. U zit niet meer in het panel van deze zaak en komt er ook niet meer in.\n"
                    : "Het bezwaar is afgewezen. U blijft in het panel van deze zaak.\n")
                + "Bekijk de zaak op \(serviceURL)/medewerkers/zaken (zaaknummer \(reference)).\n")
    }

    /// To the coordinators: a member stepped aside; routing fills the seat.
    public static func steppedAsideForCoordinators(reference: String, serviceURL: String) -> Message {
        Message(
            subject: "Een panellid trekt zich terug uit zaak \(reference)",
            body: "Een lid van het panel van zaak \(reference) heeft zich teruggetrokken. De plaats wordt opnieuw verdeeld.\n"
                + "Blijft de zaak wachten op een panel, bekijk dan \(serviceURL)/medewerkers/zaken (zaaknummer \(reference)).\n")
    }

    /// What the court decided, in words for the parties.
    public static func appealOutcome(_ outcome: AppealOutcome) -> String {
        switch outcome {
        case .upheld: return "het oordeel blijft gelden"
        case .setAside: return "het oordeel is door de rechter opzij gezet en geldt niet meer"
        case .settled: return "de partijen hebben een schikking getroffen"
        case .withdrawn: return "het beroep is ingetrokken; het oordeel blijft gelden"
        }
    }

    static let greeting = "Beste heer of mevrouw,\n\n"
    static let closing = "\nMet vriendelijke groet,\nEenloket\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n"

    static func partyLink(_ reference: String, serviceURL: String) -> String {
        "U kunt uw zaak bekijken met uw persoonlijke link.\n" + lostLink(reference, serviceURL: serviceURL)
    }

    /// Where a party that lost its link gets a new one.
    static func lostLink(_ reference: String, serviceURL: String) -> String {
        "Link kwijt? Vraag een nieuwe aan op \(serviceURL)/link-kwijt met het zaaknummer \(reference) en uw e-mailadres.\n"
    }

    /// The text of a message.
    ///
    /// - Parameters:
    ///   - reference: the case reference (EL-2026-000042).
    ///   - serviceURL: the public address of the service.
    ///   - detail: a short, non-medical detail (a decision, a stage, a reason).
    public static func render(_ kind: MessageKind, reference: String, serviceURL: String, detail: String? = nil) -> Message {
        let partyLink = partyLink(reference, serviceURL: serviceURL)
        let staffLink = "Bekijk de zaak op \(serviceURL)/medewerkers/zaken (zaaknummer \(reference)).\n"
        switch kind {
        case .caseReceived:
            return Message(
                subject: "Wij hebben uw vraag ontvangen (\(reference))",
                body: greeting + "Wij hebben uw vraag ontvangen. Uw zaaknummer is \(reference).\n"
                    + "Een medewerker bekijkt uw vraag binnen enkele werkdagen. U hoort dan wat er gebeurt.\n\n"
                    + partyLink + closing)
        case .caseTriaged:
            return Message(
                subject: "Uw vraag is bekeken (\(reference))",
                body: greeting + "Een medewerker van Eenloket heeft uw vraag bekeken.\n"
                    + (detail.map { "Besluit: \($0)\n" } ?? "") + "\n" + partyLink + closing)
        case .panelAssigned:
            return Message(
                subject: "Uw zaak ligt bij het panel (\(reference))",
                body: greeting + "Uw zaak is verdeeld. Een panel van deskundigen gaat uw zaak behandelen.\n"
                    + "Zij horen beide partijen, om de beurt, voordat zij een oordeel geven.\n\n" + partyLink + closing)
        case .invitation:
            return invitation(reference: reference, respondBy: detail, basis: .agreement, serviceURL: serviceURL)
        case .accessLink:
            return accessLink(reference: reference, serviceURL: serviceURL)
        case .statementFromOtherParty:
            return Message(
                subject: "Nieuwe reactie in uw zaak (\(reference))",
                body: greeting + "De andere partij heeft een reactie gegeven in uw zaak.\n"
                    + (detail.map { "U mag hierop antwoorden, \($0). Daarna beslist het panel.\n" } ?? "") + "\n" + partyLink + closing)
        case .rulingRecorded:
            // Rendered with what the database found (`ruling(binding:…)`); this plain form names no deadline.
            return Message(
                subject: "Het panel heeft een oordeel gegeven (\(reference))",
                body: greeting + "Het panel heeft een oordeel gegeven in uw zaak.\n\n" + partyLink + closing)
        case .followUpDue:
            return Message(
                subject: "Hoe gaat het nu? (\(reference))",
                body: greeting + "Enige tijd geleden gaf het panel een oordeel in uw zaak.\n"
                    + "Wij willen graag weten hoe het nu gaat. Wilt u een paar korte vragen beantwoorden?\n"
                    + "Het duurt ongeveer twee minuten. Schrijf geen medische gegevens op.\n\n" + partyLink + closing)
        case .newCase:
            return Message(
                subject: "Nieuwe zaak om te beoordelen (\(reference))",
                body: "Er is een nieuwe zaak ingediend: \(reference).\n\n" + staffLink)
        case .memberAssigned:
            return Message(
                subject: "U zit in het panel van zaak \(reference)",
                body: "U bent toegewezen aan het panel van zaak \(reference)" + (detail.map { " (\($0))" } ?? "") + ".\n\n" + staffLink)
        case .statementAdded:
            return Message(
                subject: "Nieuwe reactie in zaak \(reference)",
                body: "Er is een nieuwe reactie toegevoegd aan zaak \(reference).\n\n" + staffLink)
        case .reminder:
            return Message(
                subject: "Herinnering: zaak \(reference) wacht op u",
                body: "Het gewenste moment voor zaak \(reference) is voorbij" + (detail.map { ": \($0)" } ?? "") + ".\n"
                    + "Rond de stap af, of leg vast waarom het later wordt.\n\n" + staffLink)
        case .bindingAgreed:
            return Message(
                subject: "De andere partij gaat akkoord met een bindend oordeel (\(reference))",
                body: greeting + "De andere partij in uw zaak gaat akkoord met een bindend oordeel.\n"
                    + "Gaat u ook akkoord, dan is het oordeel van het panel bindend voor u allebei. Anders is het een advies.\n"
                    + "Op uw pagina leest u wat dat betekent en kunt u akkoord gaan, zolang de zaak loopt.\n\n" + partyLink + closing)
        case .appealLodged:
            return Message(
                subject: "Er is beroep ingesteld tegen het oordeel (\(reference))",
                body: greeting + "Er is beroep ingesteld tegen het oordeel in uw zaak" + (detail.map { ", bij \($0)" } ?? "") + ".\n"
                    + "De rechter kijkt of het onaanvaardbaar is om u aan het oordeel te houden. "
                    + "Zolang de rechter niet heeft beslist, geldt het oordeel. U hoort van Eenloket wat de rechter besliste.\n\n"
                    + partyLink + closing)
        case .appealDecided:
            return Message(
                subject: "De rechter heeft beslist (\(reference))",
                body: greeting + "De rechter heeft beslist over het beroep tegen het oordeel in uw zaak.\n"
                    + (detail.map { "Uitkomst: \($0).\n" } ?? "") + "\n" + partyLink + closing)
        case .draftIssued:
            return Message(
                subject: "Lees het concept van het oordeel (\(reference))",
                body: greeting + "Het panel heeft een concept gemaakt van het oordeel in uw zaak. U leest het op uw pagina.\n"
                    + "Staat er een fout in de feiten? Bijvoorbeeld een verkeerde datum, of iets wat anders is gegaan? "
                    + "Geef dat dan door" + (detail.map { ", \($0)" } ?? "") + ".\n"
                    + "Heeft u geen opmerkingen? Dan kunt u dat ook laten weten.\n"
                    + "Daarna geeft het panel het definitieve oordeel. Het panel laat dan weten wat het met de opmerkingen heeft gedaan.\n\n"
                    + partyLink + closing)
        case .draftCommented:
            return Message(
                subject: "Reactie op het concept van het oordeel (\(reference))",
                body: greeting + (detail ?? "Er is gereageerd op het concept van het oordeel in uw zaak.") + "\n"
                    + "Het panel neemt dit mee in het definitieve oordeel.\n\n" + partyLink + closing)
        case .draftWindowClosed:
            return Message(
                subject: "De termijn voor opmerkingen is voorbij (\(reference))",
                body: greeting + "De termijn om te reageren op het concept van het oordeel is voorbij.\n"
                    + "Het panel geeft nu het definitieve oordeel. U krijgt daarover een bericht.\n\n" + partyLink + closing)
        case .objectionLodged:
            return Message(
                subject: "Bezwaar tegen een lid van het panel (\(reference))",
                body: greeting + "Er is bezwaar gemaakt tegen een lid van het panel in uw zaak.\n"
                    + "Een coördinator van Eenloket beslist over dit bezwaar. Zolang dat niet is gebeurd, geeft het panel geen oordeel.\n"
                    + "U krijgt bericht als er is beslist.\n\n" + partyLink + closing)
        case .objectionDecided:
            return objectionDecided(upheld: detail == "upheld", reference: reference, serviceURL: serviceURL)
        case .memberSteppedAside:
            return Message(
                subject: "Een lid van het panel trekt zich terug (\(reference))",
                body: greeting + "Een lid van het panel heeft zich teruggetrokken uit uw zaak. "
                    + "Dat gebeurt als iemand niet helemaal onafhankelijk over uw zaak kan oordelen.\n"
                    + "Een ander lid neemt de plaats in. U hoeft niets te doen.\n\n" + partyLink + closing)
        case .appointmentScheduled, .appointmentCancelled, .appointmentReminder, .appointmentReported:
            // Rendered with the appointment's details (`appointment(…)`); this plain form names none.
            return Message(
                subject: "Een afspraak in uw zaak (\(reference))",
                body: greeting + "Er is iets veranderd aan een afspraak in uw zaak. Op uw pagina leest u wat.\n\n" + partyLink + closing)
        case .escalation:
            return Message(
                subject: "Escalatie: zaak \(reference)",
                body: "Zaak \(reference) vraagt uw aandacht" + (detail.map { ": \($0)" } ?? "") + ".\n\n" + staffLink)
        }
    }
}
