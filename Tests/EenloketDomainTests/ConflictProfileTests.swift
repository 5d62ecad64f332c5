import Testing

@testable import EenloketDomain

@Suite("ConflictProfile")
struct ConflictProfileTests {
    @Test(arguments: [
        ("Arbo Unie", "arbo unie"),
        ("  Arbo   Unie  ", "arbo unie"),
        ("\tArbo\n\nUnie\r\n", "arbo unie"),
        ("ARBONED", "arboned"),
        ("Bakkerij Jansen B.V.", "bakkerij jansen b.v."),
        ("12345678", "12345678"),
        (" 12345678\n", "12345678"),
        ("Ärzte   Öst", "ärzte öst"),
        ("Arbo\u{00A0}Unie", "arbo unie"),  // no-break space is white space too
        ("", ""),
        ("   ", ""),
    ])
    func normalize(input: String, expected: String) {
        #expect(ConflictProfile.normalize(input) == expected)
    }

    @Test func forbiddenTermsAreNormalizedAndEmptyOnesDropped() {
        let profile = ConflictProfile(
            employerName: "  Bakkerij  Jansen B.V. ", employerKvk: "12345678", physicianName: "  J.  Bakker ",
            physicianOrganisation: "ArboNed")
        #expect(profile.forbiddenAffiliations == ["bakkerij jansen b.v.", "12345678", "arboned"])
        #expect(profile.occupationalPhysicianName == "j. bakker")

        let bare = ConflictProfile(employerName: "Garage De Boer", employerKvk: "87654321", physicianName: "   ", physicianOrganisation: "  ")
        #expect(bare.forbiddenAffiliations == ["garage de boer", "87654321"])
        #expect(bare.occupationalPhysicianName == nil)

        let none = ConflictProfile(employerName: "Garage De Boer", employerKvk: "87654321", physicianName: nil, physicianOrganisation: nil)
        #expect(none.forbiddenAffiliations.count == 2)
        #expect(none.occupationalPhysicianName == nil)
    }

    private let profile = ConflictProfile(
        employerName: "Bakkerij Jansen B.V.", employerKvk: "12345678", physicianName: "J. Bakker", physicianOrganisation: "ArboNed")

    @Test(arguments: [
        ("Dr. Kok", ["bakkerij jansen b.v."]),  // employer name
        ("Dr. Kok", ["BAKKERIJ  JANSEN B.V.  "]),
        ("Dr. Kok", ["12345678"]),  // employer KvK number
        ("Dr. Kok", ["\t12345678 "]),
        ("Dr. Kok", ["arboned"]),  // the disputed doctor's arbodienst
        ("Dr. Kok", ["Zorg BV", " ArboNed"]),
        ("J. Bakker", []),  // the disputed doctor themself
        ("j.   BAKKER ", ["Arbo Unie"]),
    ] as [(String, [String])])
    func conflicts(memberName: String, affiliations: [String]) {
        #expect(profile.conflicts(memberName: memberName, affiliations: affiliations))
    }

    @Test(arguments: [
        ("Dr. Kok", []),
        ("Dr. Kok", ["Bakkerij Jansen"]),  // not equal: a containment is no match
        ("Dr. Kok", ["Bakkerij Jansen B.V. Noord"]),
        ("Dr. Kok", ["123456789", "1234567"]),
        ("Dr. Kok", ["Arbo Ned"]),  // inner white space is collapsed, not removed
        ("Dr. Kok", ["J. Bakker"]),  // the doctor's name as an affiliation is not the rule
        ("J. Bakkers", []),
        ("J.Bakker", []),
        ("", [""]),
    ] as [(String, [String])])
    func noConflict(memberName: String, affiliations: [String]) {
        #expect(!profile.conflicts(memberName: memberName, affiliations: affiliations))
    }

    @Test func emptyNamesNeverMatch() {
        let anonymous = ConflictProfile(employerName: "", employerKvk: "", physicianName: "", physicianOrganisation: "")
        #expect(anonymous.forbiddenAffiliations.isEmpty)
        #expect(!anonymous.conflicts(memberName: "", affiliations: ["", "  "]))
        #expect(!anonymous.conflicts(memberName: "   ", affiliations: []))
    }

    @Test func equalProfilesAreEqual() {
        let a = ConflictProfile(employerName: "X  BV", employerKvk: "12345678", physicianName: nil, physicianOrganisation: "Y")
        let b = ConflictProfile(employerName: "x bv", employerKvk: " 12345678", physicianName: "", physicianOrganisation: "y ")
        #expect(a == b)
    }
}
