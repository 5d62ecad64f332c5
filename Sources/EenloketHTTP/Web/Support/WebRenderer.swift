import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// What a page template is rendered with: a struct whose property names are the
/// template's keys (swift-mustache reads them through `Mirror`), bound to its one
/// template. An Optional left nil counts as absent, as a missing key does, so the
/// key is looked up further out; a `Bool` false or an empty array hides a
/// `{{#section}}`; a `String`, even empty, always shows one, so a text shown only
/// when present is a `String?`.
protocol PageModel: Sendable {
    /// The template's name, without `.mustache`.
    static var template: String { get }
}

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

    /// A page asked for a template that was not loaded: a bug, shown as a 500, never as an empty page.
    struct MissingTemplate: Error, CustomStringConvertible {
        let name: String
        var description: String { "no page template named \(name)" }
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

    /// A model rendered with its template; throws `MissingTemplate` when that was not loaded.
    func render<Model: PageModel>(_ model: Model) throws -> String {
        guard let text = library.render(model, withTemplate: Model.template) else { throw MissingTemplate(name: Model.template) }
        return text
    }

    /// A full HTML page: the model's template inside the layout.
    func page<Model: PageModel>(
        _ model: Model, title: String, layout: LayoutContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let content = try render(model)
        let html = try render(LayoutModel(title: title, content: content, staff: layout.navigation))
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

    /// The staff navigation, for a logged-in staff member only.
    var navigation: StaffNavigation? {
        staffRole.map { StaffNavigation(role: $0, name: staffName ?? "", csrf: csrf ?? "") }
    }
}

/// `layout.mustache`: the page's title and rendered content, and the staff menu when logged in.
struct LayoutModel: PageModel {
    static let template = "layout"
    let title: String
    /// Already rendered HTML, placed unescaped (`{{{content}}}`).
    let content: String
    let staff: StaffNavigation?
}

/// The staff menu. The navigation follows the same role sets as the API's permissions.
struct StaffNavigation: Sendable {
    let name: String
    let csrf: String
    let isPanel: Bool
    let canPrintLetters: Bool
    let canManagePanel: Bool
    let canSeeCases: Bool
    let canSeeStats: Bool
    let canManageAccounts: Bool

    init(role: StaffRole, name: String, csrf: String) {
        self.name = name
        self.csrf = csrf
        isPanel = role == .panelMember
        canPrintLetters = role == .intakeOfficer
        canManagePanel = Permissions.staffManagers.contains(role)
        canSeeCases = Permissions.caseReaders.contains(role)
        canSeeStats = Permissions.statsReaders.contains(role)
        canManageAccounts = Permissions.staffAuditors.contains(role)
    }
}
