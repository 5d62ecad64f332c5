import Foundation
import Testing

@testable import EenloketDomain

/// The case file's rules that need no database: the type from the bytes, file names, medical kinds.
@Suite("Domain: documents")
struct DocumentRulesTests {
    @Test func theTypeComesFromTheFirstBytesOnly() {
        let accepted: [([UInt8], DocumentType)] = [
            (Array("%PDF-1.7\n".utf8), .pdf), (Array("%PDF-".utf8), .pdf),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], .png), ([0xFF, 0xD8, 0xFF, 0xE1], .jpeg),
        ]
        for (head, type) in accepted { #expect(DocumentType.sniff(head) == type, "\(head)") }
        let refused: [(String, [UInt8])] = [
            ("HTML", Array("<!doctype html><script>alert(1)</script>".utf8)), ("SVG", Array("<svg xmlns=\"http://www.w3.org/2000/svg\">".utf8)),
            ("ZIP (docx)", [0x50, 0x4B, 0x03, 0x04]), ("Windows executable", Array("MZ\u{90}\u{0}".utf8)),
            ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]), ("GIF", Array("GIF89a".utf8)), ("a PDF cut short", Array("%PD".utf8)),
            ("a space before %PDF", Array(" %PDF-1.7".utf8)), ("PNG with a wrong byte", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x00]),
            ("JPEG cut short", [0xFF, 0xD8]), ("text named .pdf", Array("Dit is geen PDF.".utf8)), ("nothing", []),
        ]
        for (what, head) in refused { #expect(DocumentType.sniff(head) == nil, "\(what)") }
    }

    @Test func fileNamesAreCleanedToOneSafeName() {
        #expect(DocumentRules.cleanFilename("../../etc/passwd") == "passwd")
        #expect(DocumentRules.cleanFilename("C:\\Users\\sanne\\brief.pdf") == "brief.pdf")
        #expect(DocumentRules.cleanFilename("brief\"; x=\"y.pdf") == "brief; x=y.pdf", "no quote can end the header's parameter")
        #expect(DocumentRules.cleanFilename("regel\r\nX-Kop: 1.pdf") == "regelX-Kop: 1.pdf", "no line breaks")
        #expect(DocumentRules.cleanFilename("   ") == "document" && DocumentRules.cleanFilename("") == "document")
        let long = String(repeating: "é\u{301}", count: 200) + ".pdf"
        #expect(DocumentRules.cleanFilename(long).unicodeScalars.count == 255, "cut in code points, as PostgreSQL counts")
    }

    @Test func informationFromTreatingPhysiciansIsAlwaysMedicalAndNeverTheEmployers() {
        #expect(DocumentRules.isMedical(kind: .treatingPhysicianInfo, marked: false))
        #expect(!DocumentRules.isMedical(kind: .jobDescription, marked: false) && DocumentRules.isMedical(kind: .other, marked: true))
        let employer = Caller.party(PartyPrincipal(caseId: UUID(), role: .employer, isFiler: true))
        let employee = Caller.party(PartyPrincipal(caseId: UUID(), role: .employee, isFiler: true))
        #expect(DocumentRules.medicalAllowed(true, by: employer) != .allowed)
        #expect(DocumentRules.medicalAllowed(false, by: employer) == .allowed && DocumentRules.medicalAllowed(true, by: employee) == .allowed)
    }
}
