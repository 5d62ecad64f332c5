import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import EenloketHTTP

/// The page models are structs bound to their templates: every key a template
/// uses is a property of its model (a misspelt key would otherwise render as
/// nothing), and a template that is not there is an error, never an empty page.
@Suite("Web pages: typed page models")
struct WebPageModelTests {
    static let directory = WebRenderer.bundledDirectory! + "/Templates"

    /// One sample of every page model, each Optional filled and each list non-empty, so that every key can be followed.
    static let samples: [any PageModel] = {
        let summary = CaseSummaryModel.sample
        let row = StatementRow(author: "Werknemer", text: "Tekst", at: "1 maart", medical: true)
        let event = EventRow(label: "Ingediend", at: "1 maart", who: "Werknemer")
        let step = StepRow(label: "Vraag ingediend", state: "current", isCurrent: true, date: "1 maart", expected: "Uiterlijk 8 maart")
        let deadline = DeadlineRow(stage: "Beoordeling", preferredBy: "3 maart", dueBy: "8 maart", state: "on-time", stateLabel: "Op tijd")
        let errors = FormErrors([FormErrorItem(message: "Vul dit in.", href: "#veld-x", field: "Veld")])
        let select = SelectOption(value: "a", label: "A", selected: true)
        let check = CheckOption(value: "a", label: "A", checked: true)
        let document = DocumentRow(
            kindLabel: "Plan van aanpak", filename: "plan.pdf", href: "/zaak/stukken/1", size: "2,4 MB", addedBy: "werkgever",
            addedAt: "1 maart", medical: true, description: "Versie 2")
        let caseFile = CaseFilePart(
            documents: [document], hasDocuments: true, mayAdd: true, uploadAction: "/zaak/stukken", csrf: "t", kinds: [select],
            mayMarkMedical: true, medicalLabel: "Medisch", hint: "PDF", errors: errors, fileError: "Te groot")
        let consent = ConsentPart(
            treatingPhysicianGiven: true, treatingPhysicianState: "Gegeven", shareGiven: false, shareState: "Niet gegeven", mayChange: true,
            csrf: "t", errors: errors)
        let field = FilingFormPage.Field(
            name: "filer.name", id: "veld-filer-name", label: "Uw naam", type: "text", value: "Sanne", required: true,
            hintId: "veld-filer-name-uitleg", errorId: "veld-filer-name-fout", hint: "Uitleg", error: "Fout", autocomplete: "name")
        return [
            LayoutModel(
                title: "Titel", content: "<p>inhoud</p>",
                staff: StaffNavigation(role: .coordinator, name: "Co", csrf: "t")),
            ErrorPage(heading: "Niet gevonden", text: "Tekst", lostLink: true),
            LostLinkPage(
                sent: "Verstuurd", csrf: "t", fields: [field],
                errorSummary: [FilingFormPage.ErrorSummaryItem(href: "#email", message: "Fout", label: "E-mail")], hasErrors: true),
            HomePage(message: "Afgemeld", costSentence: "Gratis.", byStatute: false, hasDraftStep: true, draftWindowDays: 5),
            AccessibilityStatementPage(organisation: "Eenloket", contactEmail: "contact@eenloket.nl", axeVersion: "4.12", version: "1.1.0"),
            PrivacyStatementPage(
                organisation: "Eenloket", contactEmail: "contact@eenloket.nl", privacyOfficerEmail: "fg@eenloket.nl",
                contactURL: "https://eenloket.nl",
                retention: "Twee jaar.", byAgreement: true),
            ChooseRolePage(),
            FilingFormPage(
                isEmployee: true, roleSlug: "werknemer", csrf: "t", idempotencyKey: "k",
                fields: FilingFormPage.Fields(list: [field], question: field, medicalInformation: field),
                errorSummary: [FilingFormPage.ErrorSummaryItem(href: "#veld-x", message: "Fout", label: "Veld")], hasErrors: true,
                agreementParagraphs: ["Afspraak"], agreeChecked: true, costSentence: "Gratis.", byStatute: false),
            FilingDonePage(reference: "EL-1", link: "https://x/zaak/elc_1", token: "elc_1", isEmployee: true, csrf: "t"),
            CaseOpenPage(csrf: "t", link: "elc_1"),
            PartyCasePage(
                summary: summary, csrf: "t", message: "Gelukt", youAre: "werknemer", isEmployee: true, isFiler: true, checkCode: "1234",
                awaitingVerification: true, steps: [step], deadlines: [deadline], events: [event], statements: [row], hasStatements: true,
                followUps: [PartyCasePage.FollowUpForm(id: "f", number: 1, answerBy: "1 juni", asksReturn: true)], hasFollowUps: true,
                mayAddStatement: true, mayWithdraw: true, mayAppeal: true, mayAgree: true, mayCommentOnDraft: true,
                appointments: [AppointmentRow(appointmentId: "a", appointmentWhat: "Hoorzitting", appointmentWhen: "1 december", appointmentMinutes: 60, appointmentPlace: "Zaal 2", appointmentLink: "https://video.example", appointmentState: "Gepland", appointmentSummary: "Verslag", appointmentNotes: "Medisch", cancelReason: "Ziek", answers: [AppointmentRow.AnswerLine(answerLine: "Werknemer: komt")], mayAnswer: true, mayCancel: true, mayReport: true)], hasAppointments: true,
                objections: [ObjectionRow(objectionId: "o", objector: "werkgever", member: "Dr. A", objectionReason: "Reden", lodgedOn: "1 maart", decisionText: "Toegewezen", decisionMotivation: "Omdat", undecided: true)], hasObjections: true, objectable: [select], mayObject: true,
                mayDeclareNoComments: true, agreementParagraphs: ["Afspraak"], caseFile: caseFile, consent: consent,
                values: ["reactie": "x", "akkoord": "Sanne", "concept": "Een fout"], today: "2026-03-01",
                statementErrors: errors, appealErrors: errors, followUpErrors: errors, agreementErrors: errors, draftErrors: errors,
                objectionErrors: errors),
            PartyDataPage(
                summary: summary, youAre: "werknemer", isFiler: true, contactName: "Sanne", contactEmail: "s@example.nl",
                contactAddress: ["Straat 1"], hasContactAddress: true, events: [event], statements: [row], hasStatements: true,
                answers: [PartyDataPage.Answer(number: 1, state: "beantwoord", remarks: "Goed")], hasAnswers: true,
                documents: [document], hasDocuments: true, retention: "Eén jaar"),
            RulingPrintPage(summary: summary),
            WithdrawPage(reference: "EL-1", csrf: "t"),
            StaffLoginPage(csrf: "t", back: "/medewerkers", email: "a@b.nl", message: "Gewijzigd", error: "Fout"),
            StaffCodePage(
                challenge: "c", csrf: "t", back: "/medewerkers", enrol: StaffCodePage.Enrolment(secret: "ABCD", uri: "otpauth://x", groups: "ABCD"),
                error: "Fout"),
            RecoveryCodesPage(codes: ["abcd-efgh"], back: "/medewerkers"),
            WorkQueuePage(
                heading: "Werkvoorraad", queueMessage: "Gelukt",
                items: [
                    WorkQueuePage.Row(
                        id: "1", reference: "EL-1", status: "Ingediend", caseType: "Overig", filedAt: "1 maart", dueBy: "8 maart",
                        urgency: "on-time", urgencyLabel: "Op tijd", sicknessWeek: "Week 3", nextMilestone: "Volgende", sicknessUrgent: true)
                ],
                hasItems: true, filters: [select], next: "/medewerkers/zaken?na=x"),
            StaffCasePage(
                summary: summary, caseFile: caseFile, consent: consent, csrf: "t", message: "Gelukt", steps: [step], deadlines: [deadline], events: [event], statements: [row],
                hasStatements: true,
                contacts: ContactsPart(
                    filerRole: "Werknemer", filerName: "Sanne", filerEmail: "s@example.nl", otherRole: "Werkgever",
                    otherEmail: "w@example.nl", otherAddress: ["Straat 1"], hasOtherAddress: true, sameDomain: true, invited: true,
                    verified: "2 maart", firstUsed: "2 maart"),
                otherParty: StaffCasePage.OtherPartyForm(role: "werkgever", email: "w@example.nl", street: "Straat 1", postalCode: "1011 AA", city: "A"),
                mayTriage: true, mayVerifyEmployee: true, verifyWaitsFor: "De werknemer heeft de link nog niet geopend.", mayRule: true,
                objections: [ObjectionRow(objectionId: "o", objector: "werkgever", member: "Dr. A", objectionReason: "Reden", lodgedOn: "1 maart", decisionText: "Toegewezen", decisionMotivation: "Omdat", undecided: true)], hasObjections: true, mayDecideObjections: true, mayStepAside: true,
                appointments: [AppointmentRow(appointmentId: "a", appointmentWhat: "Hoorzitting", appointmentWhen: "1 december", appointmentMinutes: 60, appointmentPlace: "Zaal 2", appointmentLink: "https://video.example", appointmentState: "Gepland", appointmentSummary: "Verslag", appointmentNotes: "Medisch", cancelReason: "Ziek", answers: [AppointmentRow.AnswerLine(answerLine: "Werknemer: komt")], mayAnswer: true, mayCancel: true, mayReport: true)], hasAppointments: true, mayPlanAppointment: true, examiners: [select],
                rulingForm: .ruling(afterComments: true),
                ruleWaitsFor: "Eerst wordt de werkgever gehoord.", mayAddStatement: true, mayMarkMedical: true, mayChangePanel: true,
                mayAppeal: true, mayRecordAppealOutcome: true, appealOutcomes: [check], mayRecordReturn: true, returnedOn: "1 december 2026", caseTypes: [select], disciplines: [check],
                outcomes: [check], channels: [check],
                panelMembers: [StaffCasePage.PanelMemberOption(id: "p", name: "Arts", discipline: "Bedrijfsarts")],
                checked: StaffCasePage.Checked(
                    accept: true, refer: false, answer: false, exhausted: true, medical: true, addDiscipline: true, replaceMember: false),
                values: ["motivation": "x"], today: "2026-03-01",
                verificationErrors: errors, triageErrors: errors, rulingErrors: errors, objectionErrors: errors, stepAsideErrors: errors, appointmentErrors: errors,
                statementErrors: errors, panelErrors: errors,
                appealErrors: errors, appealOutcomeErrors: errors, returnErrors: errors),
            AccountsPage(items: [AccountsPage.Row(id: "1", name: "A", email: "a@b.nl", role: "Beheerder", active: true, awaiting: false)]),
            AccountPage(
                id: "1", csrf: "t", name: "A", email: "a@b.nl", role: "Beheerder", active: true, awaiting: true, own: false, twoStep: true,
                enrolled: true, events: [AccountPage.Event(at: "1 maart", change: "Aangemaakt", fields: "e-mailadres", actor: "Eenloket")],
                message: "Opgeslagen", errors: errors),
            PasswordPage(csrf: "t", errors: errors),
            {
                let letter = LettersPage.Letter(
                    id: 1, reference: "EL-1", recipient: "W", kind: "Uitnodiging", createdAt: "1 maart", sentAt: "2 maart", error: "Kies",
                    reasons: [check])
                return LettersPage(csrf: "t", items: [letter], hasItems: true, printed: [letter], hasPrinted: true)
            }(),
            LetterPrintPage(recipient: "W", subject: "Uitnodiging", address: ["Straat 1"], paragraphs: [LetterPrintPage.Paragraph(lines: ["Beste"])]),
            PanelMembersPage(
                csrf: "t",
                items: [
                    PanelMembersPage.Member(
                        id: "1", name: "Arts", email: "a@b.nl", discipline: "Bedrijfsarts", maxOpenCases: 5, openCases: 1, active: true,
                        absent: false, awaiting: false, affiliations: "Arbo BV")
                ],
                hasItems: true, today: "2026-03-01", values: ["name": "x"], disciplines: [select],
                errors: [FormErrorItem(message: "Fout", href: "#veld-name", field: "Naam")], hasErrors: true),
            ObjectionsPage(
                items: [
                    ObjectionsPage.Item(
                        caseId: "c", reference: "EL-1", member: "Dr. A", objector: "Werkgever", lodgedOn: "1 maart", objectionReason: "Reden")
                ],
                hasItems: true),
            EscalationsPage(
                csrf: "t", items: [EscalationsPage.Escalation(id: 1, caseId: "c", reference: "EL-1", detail: "Te laat", createdAt: "1 maart")],
                hasItems: true),
            SupervisionPage(
                threshold: 5, monthly: "<svg/>", outcomes: "<svg/>", onTime: "<svg/>", employers: "<svg/>", hasEmployers: true, median: "12",
                hasMedian: true, carriedOut: "80 %"),
        ]
    }()

    @Test func everyKeyOfEveryTemplateIsAPropertyOfItsModel() throws {
        var problems: [String] = []
        for sample in Self.samples {
            problems += try TemplateKeys.problems(template: type(of: sample).template, model: sample, directory: Self.directory)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The check itself finds a misspelt key, a section over a plain `String` and an empty sample list.
    @Test func theKeyCheckFindsMistakes() throws {
        struct Row: Sendable { let name: String }
        struct Sample: Sendable {
            let title: String
            let rows: [Row]
            let none: [Row]
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eenloket-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{{titel}} {{#title}}x{{/title}} {{#rows}}{{name}}{{nmae}}{{title}}{{/rows}} {{#none}}{{/none}}"
            .write(toFile: dir + "/probe.mustache", atomically: true, encoding: .utf8)
        let problems = try TemplateKeys.problems(
            template: "probe", model: Sample(title: "T", rows: [Row(name: "n")], none: []), directory: dir)
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.contains("{{titel}}") } && problems.contains { $0.contains("{{nmae}}") })
        #expect(problems.contains { $0.contains("{{#title}}") && $0.contains("String") })
        #expect(problems.contains { $0.contains("none") && $0.contains("empty") })
    }

    /// Every page template (partials, `_…`, aside) has a model, and each model names a template that exists.
    @Test func everyTemplateHasAModel() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("_") }.map { String($0.dropLast(".mustache".count)) }
        let modelled = Self.samples.map { type(of: $0).template }
        #expect(Set(files) == Set(modelled), "without a model: \(Set(files).subtracting(modelled)); without a template: \(Set(modelled).subtracting(files))")
        #expect(modelled.count == Set(modelled).count, "two models for one template")
    }

    /// An Optional left nil is absent (its inverted section shows); a filled one shows, even when empty.
    @Test func optionalsRenderAsPresentOrAbsent() throws {
        let renderer = try WebRenderer.load(directory: WebRenderer.bundledDirectory!)
        let html = try renderer.render(
            PartyDataPage(
                summary: .sample, youAre: "werkgever", isFiler: false, contactName: nil, contactEmail: "w@example.nl",
                contactAddress: ["Marktstraat 1", "1011 AA  Amsterdam"], hasContactAddress: true, events: [], statements: [],
                hasStatements: false, answers: [], hasAnswers: false, documents: [], hasDocuments: false, retention: "Eén jaar"))
        #expect(html.contains("<dt>Naam</dt><dd>Niet bekend</dd>"))
        #expect(html.contains("<dt>E-mailadres</dt><dd>w@example.nl</dd>"))
        #expect(html.contains("<dt>Postadres</dt><dd>Marktstraat 1<br>1011 AA  Amsterdam<br></dd>"))
        #expect(html.contains("de werkgever</dd>") && !html.contains("u heeft de vraag gesteld"))
    }

    /// A model whose template is not there.
    struct Missing: PageModel {
        static let template = "bestaat-niet"
    }

    @Test func aMissingTemplateIsAnErrorNotAnEmptyPage() throws {
        let renderer = try WebRenderer.load(directory: WebRenderer.bundledDirectory!)
        #expect(throws: WebRenderer.MissingTemplate.self) { try renderer.render(Missing()) }
        #expect(throws: WebRenderer.MissingTemplate.self) { try renderer.page(Missing(), title: "Leeg", layout: .publicPage) }
        // A page that is there renders.
        #expect(try renderer.render(ErrorPage(heading: "Kop", text: "Tekst")).contains("<h1>Kop</h1>"))
    }

    /// Through the page middleware a missing template is a 500 with the request's number; without even
    /// the error template the status still tells the truth.
    @Test func aMissingTemplateIsA500Page() async throws {
        let complete = try WebRenderer.load(directory: WebRenderer.bundledDirectory!)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eenloket-web-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/Templates", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Self.directory + "/layout.mustache", toPath: dir + "/Templates/layout.mustache")
        let layoutOnly = try WebRenderer.load(directory: dir)
        for (renderer, errorTemplate) in [(complete, true), (layoutOnly, false)] {
            let router = Router(context: AppRequestContext.self)
            router.group().add(middleware: WebPageMiddleware(renderer: renderer))
                .get("/kapot") { _, _ in try renderer.page(Missing(), title: "Leeg", layout: .publicPage) }
            let log = RecordedLog()
            try await Application(router: router, logger: Logger(label: "page-model-test") { _ in RecordedLog.Handler(log: log) })
                .test(.router) { client in
                    let response = try await client.executeRequest(uri: "/kapot", method: .get, headers: [:], body: nil)
                    let text = String(buffer: response.body)
                    #expect(response.status == .internalServerError)
                    #expect(text.contains("Er ging iets mis bij ons"), "\(text)")
                    if errorTemplate { #expect(text.contains("<html lang=\"nl\">")) }
                    // The bug is logged at `critical` with the request's number, which the page shows.
                    let bug = log.lines.first { $0.level == .critical && $0.message.contains("MissingTemplate") }
                    #expect(bug.map { text.contains($0.requestId) } == true, "\(log.lines)")
                }
        }
    }
}

/// Log lines kept for the test instead of printed; keeps the metadata where the request id lives.
final class RecordedLog: @unchecked Sendable {
    struct Line {
        let level: Logger.Level
        let message: String
        let requestId: String
    }

    private let lock = NSLock()
    private var kept: [Line] = []
    var lines: [Line] { lock.withLock { kept } }

    struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let id = (extra?["hb.request.id"] ?? metadata["hb.request.id"]).map { "\($0)" } ?? ""
            log.lock.withLock { log.kept.append(Line(level: level, message: "\(message)", requestId: id)) }
        }
    }
}

extension CaseSummaryModel {
    static let sample = CaseSummaryModel(
        id: "c", reference: "EL-1", statusLabel: "Ingediend", caseType: "Overig", employerName: "Bakkerij", employerKvk: "12345678",
        employeeName: "Sanne", sickSince: "1 februari", sicknessWeek: "Week 26",
        nextMilestone: "Volgende: Ziekmelding bij UWV (week 42), 15 maart 2027", sicknessUrgent: true, question: "Vraag", filedAt: "1 maart", filerRole: "Werknemer",
        physicianName: "Arts", physicianOrganisation: "Arbo", medical: MedicalPart(information: "Info", hasInformation: true),
        triage: TriageFacts(decision: "Aangenomen", motivation: "Omdat", at: "2 maart", disciplines: "Bedrijfsarts"),
        panel: [PanelMemberModel(name: "Arts", discipline: "Bedrijfsarts", chair: true)], hasPanel: true,
        ruling: RulingFacts(
            title: "Bindend oordeel", binding: true, meaning: "Dit oordeel is bindend.", appealUntil: "uiterlijk maandag 4 mei 2026",
            setAsideOn: "1 juni 2026", outcome: "Toegewezen", decision: "Besluit", motivation: "Omdat", decidedAt: "3 maart", digest: "abc",
            panel: [PanelMemberModel(name: "Arts", discipline: "Bedrijfsarts", chair: true)], medicalConsiderations: "Medisch",
            commentsResponse: "Verwerkt"),
        appeal: AppealFacts(
            court: "Rechtbank", lodgedOn: "4 maart",
            courtOutcome: CourtOutcomeFacts(label: "Opzij gezet", decidedOn: "1 juni", courtSummary: "Samenvatting")),
        hearing: HearingFacts(
            party: "werkgever", windowEnds: "5 maart", responded: "4 maart", hasResponded: true,
            replyUntil: "uiterlijk maandag 9 maart 2026", complete: false),
        binding: BindingFacts(byStatute: false, employee: "akkoord op 1 maart", employer: "nog niet akkoord", bothAgreed: false),
        draftRuling: DraftRulingFacts(
            draftOutcome: "Toegewezen", draftDecision: "Besluit", draftMotivation: "Omdat", draftMedical: "Medisch",
            draftIssuedAt: "3 maart", commentsUntil: "uiterlijk dinsdag 10 maart 2026", commentsOpen: true,
            draftComments: [DraftCommentRow(commenter: "Werknemer", commentText: "Een fout", commentAt: "4 maart", commentMedical: true)],
            hasDraftComments: true))
}

/// Follows a template's keys through a sample model the way swift-mustache looks
/// them up: a name is searched from the innermost section outwards, a dotted name
/// then goes down from there, a section over a list enters its first element and
/// a section over anything but a `Bool` enters that value. Partials are followed.
enum TemplateKeys {
    enum Kind { case variable, section, inverted, close }

    struct Tag {
        let kind: Kind
        let name: String
        var text: String {
            switch kind {
            case .variable: "{{\(name)}}"
            case .section: "{{#\(name)}}"
            case .inverted: "{{^\(name)}}"
            case .close: "{{/\(name)}}"
            }
        }
    }

    /// The tags of a template with its partials in place; comments dropped.
    static func tags(of template: String, directory: String) throws -> [Tag] {
        let text = try String(contentsOfFile: "\(directory)/\(template).mustache", encoding: .utf8)
        var tags: [Tag] = []
        for match in text.matches(of: /\{\{(\{?)([#^\/>!&]?)\s*([^}]*?)\s*\}?\}\}/) {
            let name = String(match.output.3)
            switch match.output.2 {
            case "!": continue
            case ">": tags += try self.tags(of: name, directory: directory)
            case "#": tags.append(Tag(kind: .section, name: name))
            case "^": tags.append(Tag(kind: .inverted, name: name))
            case "/": tags.append(Tag(kind: .close, name: name))
            default: tags.append(Tag(kind: .variable, name: name))
            }
        }
        return tags
    }

    /// A property found: its value (nil when a sample left an Optional nil) and whether it is an Optional.
    struct Found {
        let value: Any?
        let optional: Bool
    }

    static func child(_ name: String, of object: Any) -> Found? {
        // Form values typed in, by field name: any key may be asked for.
        if object is [String: String] { return Found(value: (object as! [String: String])[name] ?? "", optional: true) }
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return Found(value: value, optional: false) }
        return Found(value: mirror.children.first?.value, optional: true)
    }

    static func resolve(_ name: String, in stack: [Any]) -> Found? {
        let parts = name.split(separator: ".").map(String.init)
        for object in stack.reversed() {
            guard var found = child(parts[0], of: object) else { continue }
            for part in parts.dropFirst() {
                guard let value = found.value, let next = child(part, of: value) else { return nil }
                found = next
            }
            return found
        }
        return nil
    }

    /// What is wrong with the template's keys for this model; empty when every key is a property.
    static func problems(template: String, model: Any, directory: String) throws -> [String] {
        var stack: [Any] = [model]
        var open: [(name: String, entered: Bool)] = []
        var problems: [String] = []
        let place = { (tag: Tag) in "\(template).mustache \(tag.text) in \(stack.map { "\(type(of: $0))" }.joined(separator: " > "))" }
        for tag in try tags(of: template, directory: directory) {
            if tag.kind == .close {
                guard let last = open.popLast(), last.name == tag.name else {
                    problems.append("\(template).mustache: \(tag.text) closes nothing open")
                    continue
                }
                if last.entered { stack.removeLast() }
                continue
            }
            guard tag.name != "." else {
                if tag.kind != .variable { open.append((tag.name, false)) }
                continue
            }
            guard let found = resolve(tag.name, in: stack) else {
                problems.append("\(place(tag)): no such property")
                if tag.kind != .variable { open.append((tag.name, false)) }
                continue
            }
            guard tag.kind != .variable else { continue }
            if found.value is String && !found.optional {
                problems.append("\(place(tag)): a String always shows its section, even empty; make it String?")
            }
            guard tag.kind == .section, let value = found.value else {
                if found.value == nil { problems.append("\(place(tag)): the sample leaves it nil") }
                open.append((tag.name, false))
                continue
            }
            if value is Bool {
                open.append((tag.name, false))
            } else if let list = value as? [Any] {
                if let first = list.first {
                    stack.append(first)
                    open.append((tag.name, true))
                } else {
                    problems.append("\(place(tag)): the sample's list is empty, so its keys go unchecked")
                    open.append((tag.name, false))
                }
            } else {
                stack.append(value)
                open.append((tag.name, true))
            }
        }
        if !open.isEmpty { problems.append("\(template).mustache: not closed: \(open.map(\.name))") }
        return problems
    }
}
