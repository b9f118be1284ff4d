import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Services

/// Errors of console pages become pages, not problem documents: no session → the
/// login page (303); 403 and 404 → the error page with that status, in the person's
/// language; anything unexpected → a 500 page that holds no error text (the log has
/// it). Every other route keeps ``ProblemMiddleware``.
struct ConsoleErrorMiddleware: RouterMiddleware {
    typealias Context = SheafRequestContext
    let session: ConsoleSession
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            // This middleware runs outside AuthMiddleware: the error page finds the person
            // again, for their navigation and language.
            var context = context
            context.session = await Self.caller(request, context: context, auth: auth)
            return try answer(error, request: request, context: context)
        }
    }

    /// The signed-in person of `request`, if any.
    static func caller(_ request: Request, context: Context, auth: AuthService) async -> Caller? {
        guard let token = AuthMiddleware.token(from: request.headers) else { return nil }
        return (try? await auth.authenticate(token: token, origin: context.origin))?.0
    }

    func answer(_ error: any Error, request: Request, context: Context) throws -> Response {
        do {
            throw error
        } catch let error as DomainError {
            switch error {
            case .unauthenticated:
                return ConsoleRequest.redirect("/app/login")
            case .forbidden:
                return try Self.page(.forbidden, request: request, context: context, session: session)
            case .notFound:
                return try Self.page(.notFound, request: request, context: context, session: session)
            default:
                // A refusal that no form turned into a message (a GET with a bad filter).
                return try Self.page(error.httpStatus, request: request, context: context, session: session, detail: ConsoleRequest.sentence(error))
            }
        } catch let error as any ProblemConvertible {
            // A known condition of the HTTP layer (no PDF renderer: 503), as a page.
            let problem = error.problem
            return try Self.page(
                HTTPResponse.Status(code: problem.status), request: request, context: context, session: session, detail: problem.detail)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw error
        } catch {
            context.logger.error("console page failed", metadata: ["error": "\(String(describing: error))", "type": "\(type(of: error))"])
            return try Self.page(.internalServerError, request: request, context: context, session: session)
        }
    }

    struct ErrorPage: Sendable {
        let heading: String
        let explanation: String
        let detail: String
        let hasDetail: Bool
        let code: Int
    }

    /// The error page for `status`, in the person's language, with their navigation.
    static func page(
        _ status: HTTPResponse.Status, request: Request, context: Context, session: ConsoleSession, detail: String = ""
    ) throws -> Response {
        let console = ConsoleRequest(request, caller: context.session, session: session)
        let key: String
        switch status {
        case .forbidden: key = "error_403"
        case .notFound: key = "error_404"
        case .internalServerError: key = "error_500"
        default: key = "error_input"
        }
        return try console.render(
            "console-error", titleKey: "\(key)_title", section: "",
            page: ErrorPage(
                heading: console.text("\(key)_title"), explanation: console.text("\(key)_text"), detail: detail, hasDetail: !detail.isEmpty,
                code: status.code),
            status: status)
    }
}

/// Unknown paths under `/app/` and `/portal/` answer the console's 404 page instead of
/// a problem document. Added to the router after every route, like
/// ``MethodNotAllowedMiddleware``, so it wraps only the not-found responder.
struct ConsoleNotFoundMiddleware: RouterMiddleware {
    typealias Context = SheafRequestContext
    let session: ConsoleSession
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isConsole(request.uri.path) else { return try await next(request, context) }
        var context = context
        context.session = await ConsoleErrorMiddleware.caller(request, context: context, auth: auth)
        return try ConsoleErrorMiddleware.page(.notFound, request: request, context: context, session: session)
    }

    static func isConsole(_ path: String) -> Bool {
        path == "/app" || path == "/portal" || path.hasPrefix("/app/") || path.hasPrefix("/portal/")
    }
}
