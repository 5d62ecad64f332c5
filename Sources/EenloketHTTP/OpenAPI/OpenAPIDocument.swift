import Foundation

/// The OpenAPI document served at `GET /openapi.yaml`; it must match what the service really does.
///
/// The text is `openapi.yaml` next to this file, shipped as a resource of this module
/// (like the page templates, in the folder `WebRenderer.bundledDirectory` names).
/// `Tests/Schemathesis/run.sh` validates it with openapi-spec-validator, both the
/// file and the copy the running service serves.
enum OpenAPIDocument {
    /// The resource's name in the module's resources folder.
    static let fileName = "openapi.yaml"

    /// The document, read once from the module's resources.
    static let yaml: String = {
        do { return try loaded.get() } catch { fatalError("\(error)") }
    }()

    /// Throws, with the reason, when the document is missing or empty; call at
    /// start so a broken install fails then rather than on the first request.
    static func requireResource() throws {
        _ = try loaded.get()
    }

    private static let loaded = Result { try load(directory: WebRenderer.bundledDirectory) }

    /// Reads `openapi.yaml` from `directory`.
    static func load(directory: String?) throws -> String {
        guard let directory else {
            throw WebRenderer.NotFound(description: "the OpenAPI document was not built into this executable")
        }
        let path = directory + "/" + fileName
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix("openapi: ") else {
            throw WebRenderer.NotFound(description: "no OpenAPI document at \(path)")
        }
        return text
    }
}
