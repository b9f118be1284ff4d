import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The console's own routes: sign in and out, the home redirect, the language
/// setting and the stylesheet. Sign-in is `AuthService.login`, the same as
/// `POST /api/v1/sessions` with `"cookie": true`, and gives the same cookie.
struct ConsoleController {
    let auth: AuthService
    let session: ConsoleSession

    func register(open: RouterGroup<SheafRequestContext>, app: RouterGroup<AuthenticatedContext>) {
        open.get("/app/assets/console.css", use: stylesheet)
        open.get("/app/login", use: loginPage)
        open.post("/app/login", use: login)
        app.get("/app", use: home)
        app.post("/app/logout", use: logout)
        app.get("/app/settings", use: settings)
        app.post("/app/settings", use: saveSettings)
        app.get("/portal/settings", use: settings)
        app.post("/portal/settings", use: saveSettings)
    }

    static let stylesheetText: String = embeddedResourceFiles.first { $0.name == "console.css" }?.text ?? ""

    @Sendable func stylesheet(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let headers: HTTPFields = [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.stylesheetText)))
    }

    struct LoginPage: Sendable {
        let token: String
        let email: String
        let insecure: Bool
    }

    /// The sign-in form, with a fresh double-submit token (cookie + hidden field).
    @Sendable func loginPage(_ request: Request, context: SheafRequestContext) async throws -> Response {
        if let caller = context.session { return ConsoleRequest.redirect(Self.start(of: caller)) }
        let token = ConsoleSession.newLoginToken()
        let console = ConsoleRequest(request, caller: nil, session: session)
        var response = try console.render(
            "console-login", titleKey: "login_title", section: "",
            page: LoginPage(token: token, email: "", insecure: context.scheme != "https"))
        response.headers.append(
            HTTPField(name: .setCookie, value: ConsoleSession.setCookie(ConsoleSession.loginCSRFCookie, value: token, path: "/app/login", maxAge: 3600)))
        return response
    }

    @Sendable func login(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let form = try await ConsoleForm.read(request, context: context)
        guard let cookie = ConsoleSession.cookie(ConsoleSession.loginCSRFCookie, in: request), let sent = form[ConsoleSession.csrfField],
            ConsoleSession.constantTimeEqual(cookie, sent)
        else {
            throw DomainError.forbidden("The sign-in form is out of date: reload it and try again.")
        }
        let language = ConsoleSession.language(request)
        guard context.scheme == "https" else {
            return ConsoleRequest.redirect("/app/login", flash: Flash(.error, ConsoleCatalog.text("login_insecure", language)))
        }
        do {
            let issued = try await auth.login(
                email: form["email"] ?? "", password: form["password"] ?? "", origin: context.origin, userAgent: request.headers[.userAgent])
            let maxAge = max(0, Int(issued.expiresAt.timeIntervalSinceNow))
            return ConsoleRequest.redirect(
                issued.user.role == .client ? "/portal" : "/app/week",
                cookies: [
                    ConsoleSession.setCookie(AuthMiddleware.cookieName, value: issued.token, maxAge: maxAge),
                    ConsoleSession.setCookie(ConsoleSession.loginCSRFCookie, value: "", path: "/app/login", maxAge: 0),
                ])
        } catch DomainError.invalidCredentials {
            return ConsoleRequest.redirect("/app/login", flash: Flash(.error, ConsoleCatalog.text("login_failed", language)))
        } catch DomainError.tooManyRequests {
            return ConsoleRequest.redirect("/app/login", flash: Flash(.error, ConsoleCatalog.text("login_throttled", language)))
        } catch let error as DomainError where !error.fieldErrors.isEmpty {
            return ConsoleRequest.redirect("/app/login", flash: Flash(.error, ConsoleCatalog.text("login_failed", language)))
        }
    }

    static func start(of caller: Caller) -> String {
        caller.user.role == .client ? "/portal" : "/app/week"
    }

    @Sendable func home(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        ConsoleRequest.redirect(Self.start(of: context.caller))
    }

    @Sendable func logout(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        _ = try await session.postedForm(request, context: context)  // only its CSRF token matters
        try await auth.logout(context.caller)
        let language = ConsoleSession.language(request)
        return ConsoleRequest.redirect(
            "/app/login", flash: Flash(.ok, ConsoleCatalog.text("logout_done", language)),
            cookies: [ConsoleSession.setCookie(AuthMiddleware.cookieName, value: "", maxAge: 0)])
    }

    struct SettingsPage: Sendable {
        struct Choice: Sendable {
            let code: String
            let name: String
            let selected: Bool
        }
        let action: String
        let languages: [Choice]
        let email: String
        let role: String
    }

    /// The person's settings: the console's language (kept in a cookie of this browser).
    @Sendable func settings(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let console = ConsoleRequest(request, caller: context.caller, session: session)
        let names: [ClientLanguage: String] = [.en: "English", .fr: "Français", .nl: "Nederlands", .de: "Deutsch"]
        return try console.render(
            "console-settings", titleKey: "settings_title", section: "settings",
            page: SettingsPage(
                action: request.uri.path,
                languages: ClientLanguage.allCases.map { SettingsPage.Choice(code: $0.rawValue, name: names[$0] ?? $0.rawValue, selected: $0 == console.language) },
                email: context.caller.user.email, role: console.text("role_\(context.caller.user.role.rawValue)")))
    }

    @Sendable func saveSettings(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let form = try await session.postedForm(request, context: context)
        guard let language = form["language"].flatMap(ClientLanguage.init(rawValue:)) else {
            return ConsoleRequest.redirect(request.uri.path, flash: Flash(.error, "language: must be one of en, fr, nl, de"))
        }
        return ConsoleRequest.redirect(
            request.uri.path, flash: Flash(.ok, ConsoleCatalog.text("settings_saved", language)),
            cookies: [ConsoleSession.setCookie(ConsoleSession.languageCookie, value: language.rawValue, maxAge: 31_536_000)])
    }
}
