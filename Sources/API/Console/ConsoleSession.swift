import Crypto
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// What the console's pages and forms need around the session cookie the API already
/// issues (`sheaf_session`, HttpOnly, Secure, SameSite=Strict): the CSRF token of a
/// signed-in session, the login form's double-submit token, the one-shot flash
/// message of POST-redirect-GET, the language, and reading form bodies.
struct ConsoleSession: Sendable {
    static let flashCookie = "sheaf_flash"
    static let languageCookie = "sheaf_lang"
    static let loginCSRFCookie = "sheaf_login_csrf"
    /// The hidden field every console form carries.
    static let csrfField = "csrf"

    let key: SymmetricKey

    init(secret: [UInt8]) { key = SymmetricKey(data: secret) }

    /// The CSRF token of a signed-in session: an HMAC of the session id under the
    /// server's link secret. It changes with every login and needs no storage; a page
    /// of another site can neither read it nor compute it.
    func csrfToken(for caller: Caller) -> String {
        let subject = "sheaf-console-csrf|\(caller.sessionID?.description ?? caller.user.id.description)"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(subject.utf8), using: key)
        return Self.base64URL(Data(mac))
    }

    /// The form a signed-in session posted, once its CSRF token is checked: every
    /// console POST but the login form starts here.
    func postedForm(_ request: Request, context: AuthenticatedContext) async throws -> ConsoleForm {
        let form = try await ConsoleForm.read(request, context: context)
        try requireToken(form, caller: context.caller)
        return form
    }

    /// Refuses a form of a signed-in session without its token (403 page).
    func requireToken(_ form: ConsoleForm, caller: Caller) throws {
        guard let sent = form[Self.csrfField], Self.constantTimeEqual(sent, csrfToken(for: caller)) else {
            throw DomainError.forbidden("The form is out of date or did not come from this console: reload the page and try again.")
        }
    }

    /// A fresh random token for the login form, sent as a cookie and as a hidden field.
    static func newLoginToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// The value of cookie `name` in the request, if any.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name { return parts[1] }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie.
    static func setCookie(_ name: String, value: String, path: String = "/", maxAge: Int) -> String {
        "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict"
    }

    /// The language of the pages: the one the person chose in the console's settings
    /// (kept in a cookie), else their browser's `Accept-Language`.
    static func language(_ request: Request) -> ClientLanguage {
        if let chosen = cookie(languageCookie, in: request).flatMap(ClientLanguage.init(rawValue:)) { return chosen }
        return ClientLanguage(request)
    }
}

/// A one-shot message shown on the page a form redirects to (POST-redirect-GET).
struct Flash: Sendable, Equatable {
    enum Kind: String, Sendable { case ok, error }
    let kind: Kind
    let text: String

    /// The cookie value: the kind, then the text percent-encoded.
    var cookieValue: String {
        "\(kind.rawValue)." + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = String(text.prefix(600))
    }

    init?(cookie: String) {
        let parts = cookie.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])), let text = String(parts[1]).removingPercentEncoding else {
            return nil
        }
        self.init(kind, text)
    }
}

/// The fields of an `application/x-www-form-urlencoded` body, or of a
/// `multipart/form-data` one with its file (a receipt upload).
struct ConsoleForm: Sendable {
    let fields: [String: String]
    let text: String
    /// The uploaded file of a multipart form; nil for other forms and for an empty file field.
    var file: MultipartFile.Part? = nil

    subscript(name: String) -> String? { fields[name] }

    /// Every value of a repeated field (checkboxes).
    func values(_ name: String) -> [String] { FormBody.values(named: name, in: text) }

    /// A required, trimmed, non-empty field.
    func required(_ name: String) throws -> String {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw DomainError.invalid(field: name, message: "is required")
        }
        return value
    }

    static func read(_ request: Request, context: some SheafContext) async throws -> ConsoleForm {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        var request = request
        if let contentType, MultipartFile.isMultipart(contentType) {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            return try multipart(Data(buffer.readableBytesView), contentType: contentType)
        }
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw DomainError.invalid(field: "body", message: "must be a form (application/x-www-form-urlencoded or multipart/form-data)")
        }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard !text.unicodeScalars.contains("\u{0}"), !text.contains("%00") else {
            throw DomainError.invalid(field: "body", message: NULCharacters.message)
        }
        return ConsoleForm(fields: FormBody.parse(text), text: text)
    }

    /// A multipart form: its text fields (UTF-8, first value of a name) and its one file.
    static func multipart(_ body: Data, contentType: String) throws -> ConsoleForm {
        let parts: [MultipartFile.Part]
        do throws(MultipartFile.Problem) {
            parts = try MultipartFile.parts(in: body, contentType: contentType)
        } catch {
            throw DomainError.invalid(field: "body", message: error.message)
        }
        var fields: [String: String] = [:]
        for part in parts where !part.isFile {
            guard let name = part.name, fields[name] == nil else { continue }
            let value = String(decoding: part.content, as: UTF8.self)
            guard !value.unicodeScalars.contains("\u{0}") else { throw DomainError.invalid(field: name, message: NULCharacters.message) }
            fields[name] = value
        }
        let files = parts.filter { $0.isFile && !$0.content.isEmpty }
        guard files.count <= 1 else { throw DomainError.invalid(field: "body", message: "Send one file at a time.") }
        return ConsoleForm(fields: fields, text: "", file: files.first)
    }
}
