import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Server-rendered HTML pages (the client-validation link): mustache templates
/// compiled into the binary from `Resources/*.mustache`, always HTML-escaped
/// (`{{name}}`; the templates never use triple braces), served with headers that
/// keep them out of caches, frames and referrers, and allow no script at all.
enum HTMLPage {
    /// The templates, by file name without `.mustache`.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for file in embeddedResourceFiles where file.name.hasSuffix(".mustache") {
            // A template that does not parse is left out; rendering it then fails
            // loudly (500), and the page tests catch it before a release.
            if let template = try? MustacheTemplate(string: file.text) {
                library.register(template, named: String(file.name.dropLast(".mustache".count)))
            }
        }
        return library
    }()

    /// `default-src 'none'`: no script, image, font or connection; inline styles only;
    /// forms post back to this server only.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"

    /// A page rendered from `template` with `view`.
    static func response(_ template: String, view: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(view, withTemplate: template) else { throw MissingTemplate(name: template) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return headers
    }

    /// Whether the client asked for HTML (a browser), rather than JSON or anything.
    static func prefersHTML(_ request: Request) -> Bool {
        request.headers[values: .accept].contains { $0.lowercased().contains("text/html") }
    }

    /// A timestamp for people: `2026-06-05 14:30 UTC`.
    static func humanTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute)) UTC"
    }
}

/// A template that is not compiled into the binary (or did not parse): a bug, 500.
struct MissingTemplate: Error {
    let name: String
}

/// A short page with a heading and a few paragraphs: confirmations and errors.
struct MessagePageView {
    /// Whom to write to, as a sentence around a `mailto:` link (a link that no longer works).
    struct Contact {
        let lang: String
        let before: String
        let email: String
        let after: String
    }

    let title: String
    let heading: String
    let paragraphs: [String]
    /// The agency's name, shown above the heading when known.
    let agency: String
    let hasAgency: Bool
    let contact: Contact?

    init(title: String, heading: String, paragraphs: [String], agency: String = "", contact: Contact? = nil) {
        self.title = title
        self.heading = heading
        self.paragraphs = paragraphs
        self.agency = agency
        self.hasAgency = !agency.isEmpty
        self.contact = contact
    }
}
