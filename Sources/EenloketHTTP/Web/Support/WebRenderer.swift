import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders pages: a Mustache template for the page, wrapped in the common layout.
///
/// Templates and static files ship as resources of this module; `EENLOKET_WEB_DIR`
/// may point elsewhere (packaged installs).
public struct WebRenderer: Sendable {
    let library: MustacheLibrary
    public let staticDirectory: String

    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads every `.mustache` template under `directory/Templates`.
    public static func load(directory: String) throws -> WebRenderer {
        let templates = directory + "/Templates"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: templates), names.contains("layout.mustache") else {
            throw NotFound(description: "no page templates at \(templates); set EENLOKET_WEB_DIR")
        }
        var library = MustacheLibrary()
        for name in names where name.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: templates + "/" + name, encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return WebRenderer(library: library, staticDirectory: directory + "/Static")
    }

    /// The folder the module's resources were copied to.
    public static var bundledDirectory: String? {
        Bundle.module.resourcePath.map { $0 }
    }

    /// A full HTML page.
    func page(
        _ template: String, title: String, context: [String: Any], layout: LayoutContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = library.render(context, withTemplate: template) ?? ""
        var frame = layout.values
        frame["title"] = title
        frame["content"] = content
        let html = library.render(frame, withTemplate: "layout") ?? content
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What the layout needs: who is logged in (for the navigation) and the CSRF token for the logout form.
struct LayoutContext {
    var staffRole: StaffRole?
    var staffName: String?
    var csrf: String?

    static let publicPage = LayoutContext()

    /// The navigation follows the same role sets as the API's permissions.
    var values: [String: Any] {
        var v: [String: Any] = ["year": Calendar(identifier: .gregorian).component(.year, from: Date())]
        if let role = staffRole {
            v["staff"] = [
                "name": staffName ?? "", "csrf": csrf ?? "",
                "isPanel": role == .panelMember,
                "canPrintLetters": role == .intakeOfficer,
                "canManagePanel": Permissions.staffManagers.contains(role),
                "canSeeCases": Permissions.caseReaders.contains(role),
                "canSeeStats": Permissions.statsReaders.contains(role),
                "canManageAccounts": Permissions.staffAuditors.contains(role),
            ] as [String: Any]
        }
        return v
    }
}
