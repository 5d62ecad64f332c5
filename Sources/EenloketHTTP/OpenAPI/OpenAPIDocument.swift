import EenloketDomain
import Foundation

/// The OpenAPI document, served as YAML at `GET /openapi.yaml` and as JSON at
/// `GET /api/v1/openapi.json`; it must match what the service really does.
///
/// `openapi.yaml` next to this file is the source people edit; `openapi.json` is
/// generated from it (`python3 Tests/ApiRules/openapi_document.py --write`, checked
/// in the test command). Both ship as resources of this module (like the page
/// templates, in the folder `WebRenderer.bundledDirectory` names). The service
/// changes one thing: `info.contact` becomes the configured contact.
struct OpenAPIDocument: Sendable {
    let yaml: String
    let json: String

    static let yamlFileName = "openapi.yaml"
    static let jsonFileName = "openapi.json"

    /// The contact the committed document names; a deployment with other contact settings gets those instead.
    static let defaultContact = ServiceContact()

    /// `info.version`, read once from the committed document: every API answer's `API-Version`.
    static let version: String = {
        do { return try bundled.get().version() } catch { fatalError("\(error)") }
    }()

    /// Throws, with the reason, when a document is missing, empty or without its
    /// version or contact; call at start so a broken install fails then rather
    /// than on the first request.
    static func requireResource() throws {
        let document = try bundled.get()
        _ = try document.version()
        _ = try document.with(contact: ServiceContact(name: "-", email: "-", url: "-"))
    }

    /// The document as this deployment serves it.
    static func served(contact: ServiceContact) throws -> OpenAPIDocument {
        try bundled.get().with(contact: contact)
    }

    private static let bundled = Result { try load(directory: WebRenderer.bundledDirectory) }

    /// Reads both forms from `directory`.
    static func load(directory: String?) throws -> OpenAPIDocument {
        guard let directory else {
            throw WebRenderer.NotFound(description: "the OpenAPI document was not built into this executable")
        }
        func read(_ name: String, prefix: String) throws -> String {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix(prefix) else {
                throw WebRenderer.NotFound(description: "no OpenAPI document at \(path)")
            }
            return text
        }
        return OpenAPIDocument(
            yaml: try read(yamlFileName, prefix: "openapi: "), json: try read(jsonFileName, prefix: #"{"openapi":"#))
    }

    /// `info.version` of the YAML form (the first `  version:` line, which sits under `info`).
    func version() throws -> String {
        let line = yaml.split(separator: "\n", maxSplits: 12).first { $0.hasPrefix("  version: ") }
        guard let version = line?.dropFirst("  version: ".count), version.split(separator: ".").count == 3 else {
            throw WebRenderer.NotFound(description: "the OpenAPI document has no info.version of the form 1.2.3")
        }
        return String(version)
    }

    /// Both forms with `info.contact` replaced; throws when the committed contact block is not found.
    func with(contact: ServiceContact) throws -> OpenAPIDocument {
        let defaults = Self.defaultContact
        let yamlBlock = { (c: ServiceContact) in
            "  contact:\n    name: \(c.name)\n    email: \(c.email)\n    url: \(c.url)\n"
        }
        let quote = { (text: String) in CanonicalJSON.serialize(.string(text)) }
        let jsonBlock = { (c: ServiceContact, q: (String) -> String) in
            #""contact":{"name":\#(q(c.name)),"email":\#(q(c.email)),"url":\#(q(c.url))}"#
        }
        let yamlDefault = yamlBlock(defaults), jsonDefault = jsonBlock(defaults, quote)
        guard yaml.contains(yamlDefault), json.contains(jsonDefault) else {
            throw WebRenderer.NotFound(description: "the OpenAPI document's info.contact is not the committed default")
        }
        guard contact != defaults else { return self }
        let quoted = ServiceContact(name: Self.yamlQuoted(contact.name), email: Self.yamlQuoted(contact.email), url: Self.yamlQuoted(contact.url))
        return OpenAPIDocument(
            yaml: yaml.replacingOccurrences(of: yamlDefault, with: yamlBlock(quoted)),
            json: json.replacingOccurrences(of: jsonDefault, with: jsonBlock(contact, quote)))
    }

    /// A YAML double-quoted scalar holding exactly `text`: everything but printable ASCII is escaped
    /// (YAML forbids some characters raw, and reads U+0085, U+2028 and U+2029 as line breaks).
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value > 0xFFFF
                    ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
