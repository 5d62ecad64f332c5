import EenloketDomain
import EenloketStore
import Foundation

/// `POST /api/v1/cases`.
enum CreateCaseRequest {
    /// Validates a filing; `today` is the Amsterdam date the rules on `sick_since` use.
    static func parse(_ body: [String: JSONValue], today: LocalDate) throws -> NewCase {
        let r = FieldReader(body)
        let filerRole = try r.choice("filer_role", PartyRole.self)
        let filer = try r.object("filer")
        let filerName = try filer?.text("name", length: 1...200)
        let filerEmail = try filer?.text("email", length: 3...320)
        if let email = filerEmail, !EmailAddress.isValid(email) {
            filer?.fail("email", EmailAddress.invalidMessage)
        }
        let employee = try r.object("employee")
        let employeeName = try employee?.text("name", length: 1...200)
        let employeeEmail = try Self.contactEmail(employee)
        let employeeAddress = try employee.flatMap { try PostalAddressField.read($0) }
        let employer = try r.object("employer")
        let employerName = try employer?.text("name", length: 1...200)
        let employerEmail = try Self.contactEmail(employer)
        let employerAddress = try employer.flatMap { try PostalAddressField.read($0) }
        // The other party's address may not be the filer's own: the filer would get both links.
        let (otherReader, otherEmail) = filerRole == .employer ? (employee, employeeEmail) : (employer, employerEmail)
        if let filerRole, !ContactRules.mayInvite(otherEmail: otherEmail, filerEmail: filerEmail) {
            otherReader?.fail("email", ContactMessages.sameAsFiler(other: filerRole.other))
        }
        let kvk = try employer?.string("kvk_number")
        if let kvk, !(kvk.utf8.count == 8 && kvk.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }) {
            employer?.fail("kvk_number", "Een KvK-nummer heeft precies 8 cijfers.")
        }
        let sickSince = try r.date("sick_since")
        if let sickSince {
            if sickSince > today {
                r.fail("sick_since", "De eerste ziektedag mag niet in de toekomst liggen.")
            } else if sickSince < today.adding(years: -3) {
                r.fail("sick_since", "De eerste ziektedag mag hoogstens 3 jaar geleden zijn.")
            }
        }
        var earlierSpell: EarlierSpell?
        if let spell = try r.object("earlier_spell", required: false) {
            let (started, ended) = (try spell.date("started_on"), try spell.date("ended_on"))
            if let started, let ended, let sickSince {
                let candidate = EarlierSpell(startedOn: started, endedOn: ended)
                if let problem = SicknessPeriod.problem(with: candidate, sickSince: sickSince) {
                    spell.fail("ended_on", problem)
                } else {
                    earlierSpell = candidate
                }
            }
        }
        let question = try r.text("question", length: 20...20_000)
        let physician = try r.object("occupational_physician", required: false)
        let physicianName = try physician?.text("name", required: false, length: 1...200)
        let physicianOrganisation = try physician?.text("organisation", required: false, length: 1...200)
        var medical: String?
        if filerRole == .employer && r.has("medical_information") {
            r.fail("medical_information", "Een werkgever mag geen medische gegevens vastleggen. Laat dit veld weg.")
        } else {
            medical = try r.text("medical_information", required: false, length: 1...20_000)
        }
        let agreement = try r.object("binding_agreement", required: false)
        let agreedName = try agreement.flatMap { try BindingAgreementRequest.read($0) }
        try r.finish()
        var new = NewCase(
            filerRole: filerRole!, filerName: filerName!, filerEmail: filerEmail!, employeeName: employeeName!,
            employerName: employerName!, employerKvk: kvk!, sickSince: sickSince!, question: question!,
            physicianName: physicianName, physicianOrganisation: physicianOrganisation,
            medicalInformation: filerRole == .employee ? medical : nil,
            employeeEmail: employeeEmail ?? (filerRole == .employee ? filerEmail : nil),
            employerEmail: employerEmail ?? (filerRole == .employer ? filerEmail : nil),
            employeeAddress: employeeAddress, employerAddress: employerAddress, agreedName: agreedName)
        new.earlierSpell = earlierSpell
        return new
    }

    /// An optional `email` of a party, used to invite the other party.
    static func contactEmail(_ party: FieldReader?) throws -> String? {
        guard let party, let email = try party.text("email", required: false, length: 3...320) else { return nil }
        if !EmailAddress.isValid(email) {
            party.fail("email", EmailAddress.invalidMessage)
            return nil
        }
        return email
    }
}

/// `POST /api/v1/cases/{id}/triage`.
enum TriageRequest {
    static func parse(_ body: [String: JSONValue]) throws -> TriageInput {
        let r = FieldReader(body)
        let decision = try r.choice("decision", TriageDecision.self)
        let motivation = try r.text("motivation", length: 10...20_000)
        let accept = decision == .accept
        let caseType = try r.choice("case_type", CaseType.self, required: accept)
        let exhausted = try r.bool("other_options_exhausted", required: accept)
        if accept, exhausted == false {
            r.fail("other_options_exhausted", "Een zaak kan pas worden aangenomen als andere mogelijkheden zijn geprobeerd.")
        }
        var disciplines: [Discipline] = []
        // Disciplines matter only when the case is accepted; otherwise they are ignored.
        if accept, let names = try r.stringArray("disciplines", maxCount: 10) {
            for (index, name) in names.enumerated() {
                guard let discipline = Discipline(rawValue: name) else {
                    r.fail("disciplines[\(index)]", "Kies uit: bedrijfsarts, verzekeringsarts, arbeidsdeskundige.")
                    continue
                }
                disciplines.append(discipline)
            }
            if names.isEmpty {
                r.fail("disciplines", "Kies minstens één discipline.")
            } else if Set(names).count != names.count {
                r.fail("disciplines", "Noem elke discipline maar één keer.")
            } else if disciplines.count == names.count, !disciplines.contains(where: \.isPhysician) {
                r.fail("disciplines", "Een arts zit elk panel voor: kies bedrijfsarts of verzekeringsarts.")
            }
        }
        let deviation = try DeviationField.read(r)
        var otherParty: OtherPartyInput?
        if let other = try r.object("other_party", required: false) {
            let email = try CreateCaseRequest.contactEmail(other)
            let address = try PostalAddressField.read(other)
            if try other.bool("verified", required: false) == true {
                // Verified is who holds the link, not an address: see the verification endpoint.
                other.fail(
                    "verified",
                    "Bevestigen kan pas als de werknemer de link heeft geopend: vraag dan naar de controlecode op de eigen pagina.")
            }
            otherParty = OtherPartyInput(email: email, clearEmail: other.isNull("email"), address: address)
        }
        try r.finish()
        return TriageInput(
            decision: decision!, caseType: caseType, disciplines: disciplines, motivation: motivation!, deviationReason: deviation,
            otherParty: otherParty)
    }
}

/// An optional `address` object of a party: a Dutch postal address.
enum PostalAddressField {
    static func read(_ party: FieldReader) throws -> PostalAddress? {
        guard let a = try party.object("address", required: false) else { return nil }
        let street = try a.text("street", length: 1...200)
        let city = try a.text("city", length: 1...100)
        var postalCode: String?
        if let code = try a.string("postal_code") {
            postalCode = PostalAddress.normalizedPostalCode(code)
            if postalCode == nil { a.fail("postal_code", "Vul een Nederlandse postcode in, zoals 1234 AB.") }
        }
        guard let street, let city, let postalCode else { return nil }
        return PostalAddress(
            street: street.trimmingCharacters(in: .whitespacesAndNewlines), postalCode: postalCode,
            city: city.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Dutch texts about the parties' addresses.
enum ContactMessages {
    static func sameAsFiler(other: PartyRole) -> String {
        let party = other == .employer ? "de werkgever" : "de werknemer"
        return "Dit is uw eigen e-mailadres. Vul het e-mailadres van \(party) in, of laat dit veld leeg; dan sturen wij een brief."
    }
}

/// `POST /api/v1/cases/{id}/ruling`, and the same body (without
/// `comments_response`) for `POST /api/v1/cases/{id}/draft-ruling`.
enum RulingRequest {
    static func parse(_ body: [String: JSONValue], draft: Bool = false) throws -> RulingInput {
        let r = FieldReader(body)
        let outcome = try r.choice("outcome", RulingOutcome.self)
        let decision = try r.text("decision", length: 20...20_000)
        let motivation = try r.text("motivation", length: 20...20_000)
        let medical = try r.text("medical_considerations", required: false, length: 1...20_000)
        let deviation = try DeviationField.read(r)
        let response = draft ? nil : try r.text("comments_response", required: false, length: 20...20_000)
        try r.finish()
        return RulingInput(
            outcome: outcome!, decision: decision!, motivation: motivation!, medicalConsiderations: medical, deviationReason: deviation,
            commentsResponse: response)
    }
}

/// `POST /api/v1/cases/{id}/draft-comments`: a comment, or `{"no_comments": true}`.
enum DraftCommentRequest {
    static func parse(_ body: [String: JSONValue]) throws -> DraftCommentInput {
        let r = FieldReader(body)
        if body["no_comments"] != nil {
            let none = try r.bool("no_comments")
            if none == false { r.fail("no_comments", "Geef een opmerking, of zet no_comments op true als u geen opmerkingen heeft.") }
            if body["text"] != nil { r.fail("text", "Geef een opmerking of no_comments, niet allebei.") }
            if body["medical"] != nil { r.fail("medical", "Zonder opmerking is er niets om als medisch te markeren.") }
            try r.finish()
            return .noComments
        }
        let text = try r.text("text", length: 10...20_000)
        let medical = try r.bool("medical", required: false) ?? false
        try r.finish()
        return .comment(text: text!, medical: medical)
    }
}

/// `POST /api/v1/cases/{id}/appeal`.
enum AppealRequest {
    static func parse(_ body: [String: JSONValue]) throws -> AppealInput {
        let r = FieldReader(body)
        let court = try r.text("court", length: 1...200)
        let lodgedOn = try r.date("lodged_on")
        try r.finish()
        return AppealInput(court: court!, lodgedOn: lodgedOn!)
    }
}

/// `POST /api/v1/cases/{id}/appeal/outcome`.
enum AppealOutcomeRequest {
    static func parse(_ body: [String: JSONValue]) throws -> AppealOutcomeInput {
        let r = FieldReader(body)
        let outcome = try r.choice("outcome", AppealOutcome.self)
        let decidedOn = try r.date("decided_on")
        let summary = try r.text("summary", length: 1...5000)
        try r.finish()
        return AppealOutcomeInput(outcome: outcome!, decidedOn: decidedOn!, summary: summary!)
    }
}

/// `deviation_reason`: why a stage is completed after its preferred moment.
enum DeviationField {
    static func read(_ r: FieldReader) throws -> String? {
        try r.text("deviation_reason", required: false, length: Deviation.minimumReasonLength...2000)
    }
}
