import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// A console user over the router: the session cookie of a signed-in person, the
/// same-origin header a browser sends with its forms, the CSRF token read from a page,
/// and forms sent as `application/x-www-form-urlencoded`.
struct ConsoleBrowser {
    let client: any TestClientProtocol
    /// The session token (the `sheaf_session` cookie), nil when signed out.
    var session: String?
    /// Other cookies the server set (the language, the flash message).
    var cookies: [String: String] = [:]

    init(client: any TestClientProtocol, session: String?) {
        self.client = client
        self.session = session
    }

    var cookieHeader: String? {
        var all = cookies
        if let session { all["sheaf_session"] = session }
        guard !all.isEmpty else { return nil }
        return all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    /// Sends a request as this browser; remembers the cookies the answer sets.
    @discardableResult
    mutating func request(
        _ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let cookie = cookieHeader { headers[.cookie] = cookie }
        if method == .post, headers[HTTPField.Name("Sec-Fetch-Site")!] == nil { headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin" }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: Self.encode(form))
        }
        return remember(try await client.execute(uri: uri, method: method, headers: headers, body: body))
    }

    /// Keeps the cookies `response` sets, as a browser does; returns it.
    mutating func remember(_ response: TestResponse) -> TestResponse {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "sheaf_session" {
                session = parts[1].isEmpty ? nil : parts[1]
            } else if parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        return response
    }

    /// GET `uri`, expecting `status`; the page's HTML.
    @discardableResult
    mutating func page(_ uri: String, _ status: HTTPResponse.Status = .ok, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> String
    {
        let response = try await request(.get, uri)
        #expect(response.status == status, "GET \(uri): \(response.status) \(response.text.prefix(300))", sourceLocation: sourceLocation)
        return response.text
    }

    /// POSTs a form with the CSRF token of `page` (a page of this session), expecting a
    /// redirect; returns where it goes.
    @discardableResult
    mutating func submit(
        _ uri: String, _ form: [(String, String)], tokenFrom tokenPage: String = "/app/settings", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let token = try await csrf(tokenPage)
        let response = try await request(.post, uri, form: [("csrf", token)] + form)
        #expect(response.status == .seeOther, "POST \(uri): \(response.status) \(response.text.prefix(300))", sourceLocation: sourceLocation)
        return response.headers[.location] ?? ""
    }

    /// POSTs a `multipart/form-data` form, as a browser sends a file input: the CSRF
    /// token of `tokenPage`, the text `fields`, and `file` under the field `fileField`.
    /// Returns the answer.
    mutating func upload(
        _ uri: String, _ fields: [(String, String)], fileField: String, file: (name: String, type: String, data: Data), tokenFrom tokenPage: String
    ) async throws -> TestResponse {
        let boundary = "----sheaf-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in [("csrf", try await csrf(tokenPage))] + fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n"
                    .utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if let cookie = cookieHeader { headers[.cookie] = cookie }
        headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
        return remember(try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)))
    }

    /// The CSRF token in the forms of `uri`.
    mutating func csrf(_ uri: String = "/app/settings") async throws -> String {
        try #require(Self.csrf(in: try await page(uri)))
    }

    /// The flash message the last redirect left, as the next page shows it.
    mutating func flash(at uri: String) async throws -> String {
        let html = try await page(uri)
        guard let range = html.range(of: #"<p class="flash[^"]*"[^>]*>(.*?)</p>"#, options: .regularExpression) else { return "" }
        return String(html[range])
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="[^"]+""#, options: .regularExpression) else { return nil }
        return html[range].split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}

/// An application for console tests: believes it is HTTPS (sign-in needs it) and signs
/// validation links with the matrix's key.
enum ConsoleTestApp {
    static func configuration() throws -> SheafConfiguration {
        let certificate = try TestCertificate.make()
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.tlsCertificatePath = certificate.certificatePath
        configuration.tlsKeyPath = certificate.keyPath
        configuration.linkSecret = MatrixFixture.linkSecret
        return configuration
    }

    /// A fresh database with the role world, the router client, and the fixture helpers.
    static func with(_ body: @Sendable (MatrixFixture, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let fixture = MatrixFixture(world: try await RoleWorld.make(pool: pool), pool: pool)
            let app = try TestApp.application(configuration: try configuration(), pool: pool)
            try await app.test(.router) { client in try await body(fixture, client) }
        }
    }

    /// A browser signed in as `who` (signed out for anonymous).
    static func browser(_ who: Who, fixture: MatrixFixture, client: any TestClientProtocol) async throws -> ConsoleBrowser {
        ConsoleBrowser(client: client, session: try await fixture.token(who))
    }
}
