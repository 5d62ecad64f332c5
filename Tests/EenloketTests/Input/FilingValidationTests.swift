import EenloketDomain
import Foundation
import Testing

/// `POST /api/v1/cases`: every rule of the contract's filing section.
@Suite("Input: filing validation")
struct InputFilingValidationTests {
    private let path = "/api/v1/cases"

    /// Files a body and expects a 422 naming exactly `fields`; nothing may be stored.
    private func expectRejected(
        _ t: TestContext, _ body: [String: Any], fields: Set<String>, _ comment: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await InputKit.count(t, "cases")
        let reply = try await t.api.post(path, object: body)
        InputKit.expectInvalid(reply, fields: fields, comment, sourceLocation: sourceLocation)
        #expect(try await InputKit.count(t, "cases") == before, "\(comment): a rejected filing stored a case", sourceLocation: sourceLocation)
    }

    /// Files a body and expects 201.
    @discardableResult
    private func expectFiled(
        _ t: TestContext, _ body: [String: Any], _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let reply = try await t.api.post(path, object: body)
        #expect(reply.status == 201, "\(comment): expected 201, got \(reply.status): \(reply.text.prefix(600))", sourceLocation: sourceLocation)
        return reply
    }

    // MARK: The happy path and the shape of the 201

    @Test func createdResponseHasLocationTokenReferenceAndStatus() async throws {
        try await withApp { t in
            let reply = try await expectFiled(t, t.filing())
            #expect(reply.contentType.hasPrefix("application/json"), "content type \(reply.contentType)")
            let id = try #require(reply["id"].string)
            #expect(UUID(uuidString: id) != nil, "id is a UUID: \(id)")
            #expect(reply.headers[.location] == "/api/v1/cases/\(id)", "Location: \(reply.headers[.location] ?? "none")")
            let token = try #require(reply["access_token"].string)
            #expect(!token.isEmpty)
            let reference = try #require(reply["reference"].string)
            #expect(reference.wholeMatch(of: /EL-2026-\d{6}/) != nil, "reference \(reference)")
            #expect(reply["status"].string == "submitted")
            #expect(reply["filer_role"].string == "employee")
            #expect(reply["sick_since"].string == "2026-03-02")
            #expect(reply["employer"]["kvk_number"].string == "12345678")
            #expect(reply["question"].string == t.filing()["question"] as? String)

            // The Location and the token work together; the token is shown only at filing.
            let seen = try await t.api.get(try #require(reply.headers[.location]), token: token)
            #expect(seen.status == 200, "GET Location with the access token: \(seen.text.prefix(300))")
            #expect(seen["id"].string == id)
            #expect(!seen.json.has("access_token"), "the access token is shown only in the filing response")
        }
    }

    @Test func twoFilingsGetDistinctReferences() async throws {
        try await withApp { t in
            let a = try await expectFiled(t, t.filing())
            let b = try await expectFiled(t, t.filing())
            #expect(a["reference"].string != nil && a["reference"].string != b["reference"].string)
            #expect(a["access_token"].string != b["access_token"].string)
            #expect(try await InputKit.count(t, "cases") == 2)
        }
    }

    // MARK: filer_role

    @Test(arguments: ["manager", "werknemer", "", "employee ", "admin"])
    func filerRoleOutsideTheTwoRolesIs422(_ role: String) async throws {
        try await withApp { t in
            var body = t.filing()
            body["filer_role"] = role
            try await expectRejected(t, body, fields: ["filer_role"], "filer_role \(role.debugDescription)")
        }
    }

    @Test func employerMayFileWithoutMedicalInformation() async throws {
        try await withApp { t in
            let reply = try await expectFiled(t, t.filing(role: .employer))
            #expect(reply["filer_role"].string == "employer")
            #expect(!reply.json.has("medical_information"), "an employer filing has no medical_information key: \(reply.text.prefix(400))")
            let seen = try await t.view(try #require(reply["id"].string), token: try #require(reply["access_token"].string))
            #expect(seen.status == 200)
            #expect(!seen.json.has("medical_information"), "nor does the case as the employer sees it")
        }
    }

    // MARK: filer.email

    @Test(arguments: [
        "sanne", "sanne@", "@example.nl", "sanne@example", "sanne example@example.nl", "sanne@exa mple.nl",
        "sanne@@example.nl", "sanne@example..nl", "sanne@.nl", "sanne@example.nl.", "<sanne@example.nl>", "sanne@example.nl, piet@example.nl",
    ])
    func malformedFilerEmailIs422(_ email: String) async throws {
        try await withApp { t in
            let body = InputKit.setting("filer.email", to: email, in: t.filing())
            try await expectRejected(t, body, fields: ["filer.email"], "filer.email \(email.debugDescription)")
        }
    }

    @Test(arguments: ["sanne@example.nl", "s.de.vries+loket@sub.example.co.uk", "A@B.NL"])
    func plausibleFilerEmailIsAccepted(_ email: String) async throws {
        try await withApp { t in
            _ = try await expectFiled(t, InputKit.setting("filer.email", to: email, in: t.filing()), "filer.email \(email)")
        }
    }

    // MARK: employer.kvk_number

    @Test(arguments: ["1234567", "123456789", "1234567a", "abcdefgh", "", "1234 567", " 12345678", "12345678 ", "1234-5678", "١٢٣٤٥٦٧٨", "１２３４５６７８"])
    func kvkNumberNotExactlyEightDigitsIs422(_ kvk: String) async throws {
        try await withApp { t in
            let body = InputKit.setting("employer.kvk_number", to: kvk, in: t.filing())
            try await expectRejected(t, body, fields: ["employer.kvk_number"], "kvk \(kvk.debugDescription)")
        }
    }

    @Test func kvkNumberWithLeadingZerosIsKeptAsText() async throws {
        try await withApp { t in
            let reply = try await expectFiled(t, InputKit.setting("employer.kvk_number", to: "00012345", in: t.filing()))
            #expect(reply["employer"]["kvk_number"].string == "00012345")
        }
    }

    // MARK: sick_since (test clock: 2026-11-23 10:00 Amsterdam)

    @Test(arguments: ["2026-11-24", "2026-12-31", "2027-01-01", "9999-12-31"])
    func sickSinceInTheFutureIs422(_ date: String) async throws {
        try await withApp { t in
            var body = t.filing()
            body["sick_since"] = date
            try await expectRejected(t, body, fields: ["sick_since"], "sick_since \(date)")
        }
    }

    @Test(arguments: ["2023-11-22", "2023-01-01", "2000-01-01", "0001-01-01"])
    func sickSinceMoreThanThreeYearsBackIs422(_ date: String) async throws {
        try await withApp { t in
            var body = t.filing()
            body["sick_since"] = date
            try await expectRejected(t, body, fields: ["sick_since"], "sick_since \(date)")
        }
    }

    @Test(arguments: ["2023-11-23", "2026-11-23", "2024-02-29"])
    func sickSinceWithinTheWindowIsAccepted(_ date: String) async throws {
        try await withApp { t in
            var body = t.filing()
            body["sick_since"] = date
            let reply = try await expectFiled(t, body, "sick_since \(date)")
            #expect(reply["sick_since"].string == date)
        }
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "26-11-2026", "2026/11/01", "2026-11-1", "20261101", "2026-11-01T00:00:00Z", ""])
    func sickSinceThatIsNotADateIs422(_ date: String) async throws {
        try await withApp { t in
            var body = t.filing()
            body["sick_since"] = date
            try await expectRejected(t, body, fields: ["sick_since"], "sick_since \(date.debugDescription)")
        }
    }

    /// Shortly after midnight in Amsterdam it is still the previous day in UTC:
    /// "today" and "3 years back" are Amsterdam dates.
    @Test func sickSinceIsReckonedInAmsterdamTime() async throws {
        let justAfterMidnight = AmsterdamTime.startOfDay(LocalDate(year: 2026, month: 11, day: 23)!).addingTimeInterval(30 * 60)
        try await withApp(clock: ManualClock(justAfterMidnight)) { t in
            var body = t.filing()
            body["sick_since"] = "2026-11-23"
            try await expectFiled(t, body, "today in Amsterdam (still yesterday in UTC)")
            body["sick_since"] = "2023-11-23"
            try await expectFiled(t, body, "exactly 3 years back in Amsterdam")
            body["sick_since"] = "2023-11-22"
            try await expectRejected(t, body, fields: ["sick_since"], "3 years and a day back in Amsterdam")
            body["sick_since"] = "2026-11-24"
            try await expectRejected(t, body, fields: ["sick_since"], "tomorrow in Amsterdam")
        }
    }

    // MARK: question

    @Test func questionLengthBounds() async throws {
        try await withApp { t in
            var body = t.filing()
            body["question"] = InputKit.long(19)
            try await expectRejected(t, body, fields: ["question"], "19 characters")
            body["question"] = InputKit.long(20)
            try await expectFiled(t, body, "20 characters")
            body["question"] = InputKit.long(20_000)
            let long = try await expectFiled(t, body, "20,000 characters")
            #expect(long["question"].string?.count == 20_000)
            body["question"] = InputKit.long(20_001)
            try await expectRejected(t, body, fields: ["question"], "20,001 characters")
        }
    }

    /// Characters, not bytes: multi-byte characters count once each.
    @Test func questionLengthCountsCharactersNotBytes() async throws {
        try await withApp { t in
            var body = t.filing()
            body["question"] = InputKit.long(20, "ë")
            try await expectFiled(t, body, "20 × ë (40 bytes)")
            body["question"] = InputKit.long(20, "😷")
            try await expectFiled(t, body, "20 × emoji (80 bytes)")
            body["question"] = InputKit.long(20_000, "ë")
            try await expectFiled(t, body, "20,000 × ë (40,000 bytes)")
            body["question"] = InputKit.long(19, "😷")
            try await expectRejected(t, body, fields: ["question"], "19 × emoji")
            body["question"] = InputKit.long(20_001, "ë")
            try await expectRejected(t, body, fields: ["question"], "20,001 × ë")
        }
    }

    @Test func questionOfOnlyWhiteSpaceIs422() async throws {
        try await withApp { t in
            var body = t.filing()
            body["question"] = InputKit.long(40, " ")
            try await expectRejected(t, body, fields: ["question"], "40 spaces")
        }
    }

    // MARK: Required fields

    static let requiredFields = [
        "filer_role", "filer", "filer.name", "filer.email", "employee", "employee.name", "employer", "employer.name",
        "employer.kvk_number", "sick_since", "question",
    ]

    @Test(arguments: requiredFields)
    func missingRequiredFieldIs422NamingIt(_ field: String) async throws {
        try await withApp { t in
            let body = InputKit.setting(field, to: nil, in: t.filing())
            try await expectRejected(t, body, fields: [field], "without \(field)")
        }
    }

    @Test(arguments: requiredFields)
    func nullForRequiredFieldIs422Not400(_ field: String) async throws {
        try await withApp { t in
            let body = InputKit.setting(field, to: NSNull(), in: t.filing())
            try await expectRejected(t, body, fields: [field], "\(field): null")
        }
    }

    @Test(arguments: ["filer.name", "employee.name", "employer.name"])
    func emptyOrBlankNameIs422(_ field: String) async throws {
        try await withApp { t in
            try await expectRejected(t, InputKit.setting(field, to: "", in: t.filing()), fields: [field], "\(field): empty")
            try await expectRejected(t, InputKit.setting(field, to: "   \t ", in: t.filing()), fields: [field], "\(field): blank")
        }
    }

    @Test func emptyObjectNamesEveryRequiredTopLevelField() async throws {
        try await withApp { t in
            try await expectRejected(
                t, [:], fields: ["filer_role", "filer", "employee", "employer", "sick_since", "question"], "empty object")
        }
    }

    @Test func occupationalPhysicianIsOptional() async throws {
        try await withApp { t in
            try await expectFiled(t, InputKit.setting("occupational_physician", to: nil, in: t.filing()), "absent")
            try await expectFiled(t, InputKit.setting("occupational_physician", to: NSNull(), in: t.filing()), "null")
            try await expectFiled(t, InputKit.setting("occupational_physician", to: ["name": "J. Bakker"], in: t.filing()), "name only")
            let reply = try await expectFiled(
                t, InputKit.setting("occupational_physician", to: ["organisation": "ArboNed"], in: t.filing()), "organisation only")
            #expect(reply["occupational_physician"]["organisation"].string == "ArboNed")
        }
    }

    // MARK: Wrong JSON types → 400

    static let wrongTypes: [(field: String, value: String)] = [
        ("question", "12345678901234567890123"), ("question", "true"), ("question", "[\"twintig tekens of meer hier\"]"),
        ("filer", "\"Sanne de Vries\""), ("filer", "[]"), ("employer", "[\"Bakkerij Jansen B.V.\", \"12345678\"]"),
        ("employer", "42"), ("employee", "\"Sanne\""), ("filer_role", "1"), ("filer_role", "[\"employee\"]"),
        ("sick_since", "20260302"), ("employer.kvk_number", "12345678"), ("filer.email", "{}"), ("employee.name", "false"),
        ("medical_information", "{\"text\": \"burn-out\"}"), ("occupational_physician", "\"J. Bakker\""),
        ("occupational_physician.organisation", "7"),
    ]

    @Test(arguments: wrongTypes)
    func wrongJSONTypeIs400(_ field: String, _ value: String) async throws {
        try await withApp { t in
            // The value is spliced in as JSON text, so a number stays a number.
            let marker = "__WRONG_TYPE_MARKER__"
            let text = jsonText(InputKit.setting(field, to: marker, in: t.filing()))
                .replacingOccurrences(of: "\"\(marker)\"", with: value)
            let reply = try await t.api.post(path, text)
            expectProblem(reply, 400)
            #expect(try await InputKit.count(t, "cases") == 0)
        }
    }

    // MARK: medical_information

    @Test func employerFilingWithMedicalInformationIs422() async throws {
        try await withApp { t in
            var body = t.filing(role: .employer)
            body["medical_information"] = "Werknemer heeft een hernia."
            try await expectRejected(t, body, fields: ["medical_information"], "employer with medical_information")
            body["medical_information"] = ""
            try await expectRejected(t, body, fields: ["medical_information"], "employer with empty medical_information")
            #expect(try await InputKit.count(t, "case_medical") == 0)
        }
    }

    @Test func employeeFilingWithMedicalInformationReturnsItToTheFiler() async throws {
        try await withApp { t in
            let medical = "Sinds maart behandeld voor een burn-out; fysiotherapie twee keer per week."
            var body = t.filing(role: .employee)
            body["medical_information"] = medical
            let reply = try await expectFiled(t, body)
            #expect(reply["medical_information"].string == medical, "filing response: \(reply.text.prefix(400))")
            let seen = try await t.view(try #require(reply["id"].string), token: try #require(reply["access_token"].string))
            #expect(seen["medical_information"].string == medical, "the employee filer sees it on the case")
        }
    }

    @Test func employeeFilingWithoutMedicalInformationIsAccepted() async throws {
        try await withApp { t in
            let body = InputKit.setting("medical_information", to: nil, in: t.filing(role: .employee))
            let reply = try await expectFiled(t, body)
            #expect(reply["medical_information"].isNull, "no medical information was given")
        }
    }

    @Test func medicalInformationOver20000CharactersIs422() async throws {
        try await withApp { t in
            var body = t.filing(role: .employee)
            body["medical_information"] = InputKit.long(20_001)
            try await expectRejected(t, body, fields: ["medical_information"])
        }
    }

    // MARK: Several errors at once

    @Test func everyOffendingFieldIsListed() async throws {
        try await withApp { t in
            var body = t.filing(role: .employer)
            body["filer_role"] = "employer"
            body["filer"] = ["name": "Piet", "email": "geen-adres"]
            body["employer"] = ["name": "Bakkerij Jansen B.V.", "kvk_number": "1234"]
            body["sick_since"] = "2027-01-01"
            body["question"] = "Te kort."
            body["medical_information"] = "Mag niet van een werkgever."
            body["employee"] = [String: Any]()
            try await expectRejected(
                t, body,
                fields: ["filer.email", "employer.kvk_number", "sick_since", "question", "medical_information", "employee.name"],
                "six faults at once")
        }
    }

    @Test func unknownRoleAndOtherFaultsAreListedTogether() async throws {
        try await withApp { t in
            var body = t.filing()
            body["filer_role"] = "werkgever"
            body["question"] = InputKit.long(20_001)
            body = InputKit.setting("employer.kvk_number", to: nil, in: body)
            try await expectRejected(t, body, fields: ["filer_role", "question", "employer.kvk_number"])
        }
    }
}
