@testable import EenloketHTTP
import Foundation
import Testing

/// The OpenAPI document is a resource file; what the service serves is that file, byte for byte.
/// (openapi-spec-validator checks the file and the served copy in Tests/Schemathesis/run.sh.)
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let path = TestDatabase.repositoryRoot + "/Sources/EenloketHTTP/OpenAPI/openapi.yaml"

    @Test func servedDocumentIsTheResourceFile() async throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        #expect(!file.isEmpty)
        #expect(file.starts(with: Data("openapi: 3.1".utf8)))
        try await withApp { t in
            let reply = try await t.api.get("/openapi.yaml")
            #expect(reply.status == 200)
            #expect(reply.contentType.hasPrefix("application/yaml"))
            #expect(Array(reply.response.body.readableBytesView) == Array(file), "GET /openapi.yaml differs from \(Self.path)")
        }
    }

    @Test func aMissingDocumentIsAnErrorNotAnEmptyDocument() throws {
        let empty = FileManager.default.temporaryDirectory.path + "/eenloket-no-openapi-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: WebRenderer.NotFound.self) { try OpenAPIDocument.load(directory: empty) }
        #expect(throws: WebRenderer.NotFound.self) { try OpenAPIDocument.load(directory: nil) }
        try OpenAPIDocument.requireResource()
    }
}
