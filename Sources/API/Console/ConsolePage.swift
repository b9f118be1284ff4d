import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Services

/// The frame of every console page (`console-header` and `console-footer` partials):
/// the language, the title, the navigation of the person's role, the CSRF token of
/// the logout form, and the flash message of the last form.
struct ConsoleChrome: Sendable {
    struct NavItem: Sendable {
        let label: String
        let href: String
        /// `aria-current="page"` and the highlight.
        let current: Bool
    }

    let lang: String
    let title: String
    let csrf: String
    let userName: String
    let signedIn: Bool
    let nav: [NavItem]
    let flash: String
    let hasFlash: Bool
    let flashIsError: Bool
    /// Where the brand links to: `/portal` for client contacts, `/app` for staff.
    let home: String
}

/// A page: its frame, the words of its language (`{{t.key}}`) and its own view (`{{#page}}`).
struct ConsoleView<Page: Sendable>: Sendable {
    let chrome: ConsoleChrome
    let t: [String: String]
    let page: Page
}

/// One request to the console: who asks, in which language, and how to answer
/// (a page, or a redirect after a form).
struct ConsoleRequest: Sendable {
    let request: Request
    let caller: Caller?
    let language: ClientLanguage
    let session: ConsoleSession

    init(_ request: Request, caller: Caller?, session: ConsoleSession) {
        self.request = request
        self.caller = caller
        self.language = ConsoleSession.language(request)
        self.session = session
    }

    /// `default-src 'none'`: no script at all; the stylesheet and nothing else from this
    /// server; forms post back here only; never in a frame.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    var words: [String: String] { ConsoleCatalog.words(language) }

    func text(_ key: String) -> String { ConsoleCatalog.text(key, language) }

    /// The page `template` showing `page`, titled by the catalog's `titleKey`, with the
    /// navigation entry `section` marked current.
    func render<Page: Sendable>(
        _ template: String, titleKey: String, section: String, page: Page, status: HTTPResponse.Status = .ok, extraTitle: String = ""
    ) throws -> Response {
        let flash = ConsoleSession.cookie(ConsoleSession.flashCookie, in: request).flatMap(Flash.init(cookie:))
        let title = extraTitle.isEmpty ? text(titleKey) : "\(text(titleKey)) \(extraTitle)"
        let chrome = ConsoleChrome(
            lang: language.rawValue, title: title, csrf: caller.map(session.csrfToken(for:)) ?? "",
            userName: caller?.user.name ?? "", signedIn: caller != nil, nav: navigation(current: section), flash: flash?.text ?? "",
            hasFlash: flash != nil, flashIsError: flash?.kind == .error, home: caller?.user.role == .client ? "/portal" : "/app")
        let view = ConsoleView(chrome: chrome, t: words, page: page)
        guard let html = HTMLPage.library.render(view, withTemplate: template) else { throw MissingTemplate(name: template) }
        var headers = Self.headers
        if flash != nil { headers[.setCookie] = ConsoleSession.setCookie(ConsoleSession.flashCookie, value: "", maxAge: 0) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static var headers: HTTPFields {
        var headers = HTMLPage.headers
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        return headers
    }

    /// 303 to `location` (a path of this server), with a message for the next page.
    static func redirect(_ location: String, flash: Flash? = nil, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let flash {
            headers.append(HTTPField(name: .setCookie, value: ConsoleSession.setCookie(ConsoleSession.flashCookie, value: flash.cookieValue, maxAge: 120)))
        }
        return Response(status: .seeOther, headers: headers)
    }

    /// Runs a form's action and redirects to `success` with the message it returns; a refused input
    /// (invalid, conflict, stale version) redirects to `failure` with the reason instead,
    /// so the person sees what to fix on the page they came from. 403 and 404 go on to
    /// the error pages.
    static func perform(
        success: String, failure: String, _ action: () async throws -> Flash
    ) async throws -> Response {
        do {
            return redirect(success, flash: try await action())
        } catch let error as DomainError {
            switch error {
            case .forbidden, .notFound, .unauthenticated: throw error
            case .invalid, .conflict, .versionMismatch, .tooManyRequests, .invalidCredentials:
                return redirect(failure, flash: Flash(.error, Self.sentence(error)))
            }
        }
    }

    /// A refused input as one sentence for people: the field messages, else the error's own.
    static func sentence(_ error: DomainError) -> String {
        let fields = error.fieldErrors
        guard !fields.isEmpty else { return error.message }
        return fields.map { "\($0.field.replacingOccurrences(of: "_", with: " ")): \($0.message)" }.joined(separator: "; ")
    }

    /// The navigation of the caller's role. Which links appear is presentation only:
    /// each page still asks its service, which applies the same `Policy` as the API.
    func navigation(current: String) -> [ConsoleChrome.NavItem] {
        guard let role = caller?.user.role else { return [] }
        let sections: [(key: String, href: String)]
        switch role {
        case .admin:
            sections = [
                ("week", "/app/week"), ("expenses", "/app/expenses"), ("approvals", "/app/approvals"), ("projects", "/app/projects"),
                ("missing", "/app/missing-time"), ("billable", "/app/billable"), ("invoices", "/app/invoices"), ("reports", "/app/reports"),
            ]
        case .manager:
            sections = [
                ("week", "/app/week"), ("expenses", "/app/expenses"), ("approvals", "/app/approvals"), ("projects", "/app/projects"),
                ("missing", "/app/missing-time"), ("invoices", "/app/invoices"),
            ]
        case .member:
            sections = [("week", "/app/week"), ("expenses", "/app/expenses")]
        case .client:
            sections = [("portal", "/portal"), ("portal_invoices", "/portal/invoices")]
        }
        let closing: [(key: String, href: String)] = role == .admin ? [("periods", "/app/periods"), ("users", "/app/users"), ("teams", "/app/teams"), ("clients", "/app/clients"), ("agency", "/app/agency")] : []
        return (sections + closing + [("settings", role == .client ? "/portal/settings" : "/app/settings")]).map {
            ConsoleChrome.NavItem(label: text("nav_\($0.key)"), href: $0.href, current: $0.key == current)
        }
    }
}
