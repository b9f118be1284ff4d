import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// One console route as every role: the status each must get. The console is not part
/// of the JSON API (not in openapi.yaml; `RoleMatrixTests` covers the API's routes and
/// leaves `/app` and `/portal` to this matrix). A console page is a view of a service
/// call, so each status here is the service's answer as a page: 403 and 404 are the
/// error pages, 303 a redirect (after a form, or to the sign-in page without a session).
struct ConsoleCase: Sendable {
    let method: HTTPRequest.Method
    let route: String
    let expected: [Who: HTTPResponse.Status]
    var prepare: @Sendable (MatrixFixture, Who) async throws -> ConsoleRequestPlan = { _, _ in ConsoleRequestPlan() }

    /// Signed-in people get `status`; without a session, the sign-in page (303).
    static func signedIn(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: status, .client: status, .anonymous: .seeOther]
    }

    static func staff(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: status, .client: .forbidden, .anonymous: .seeOther]
    }

    static func approvers(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: .forbidden, .client: .forbidden, .anonymous: .seeOther]
    }

    static func adminOnly(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: .forbidden, .member: .forbidden, .client: .forbidden, .anonymous: .seeOther]
    }

    /// Invoices of the world's client and team: the admin, the team's lead and the
    /// client's contact read them; members are refused.
    static func invoiceReaders(_ status: HTTPResponse.Status, member: HTTPResponse.Status = .forbidden) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: member, .client: status, .anonymous: .seeOther]
    }
}

/// The URI and form of one attempt; `csrf` adds the session's token to the form.
struct ConsoleRequestPlan: Sendable {
    var uri: String?
    var form: [(String, String)]?
    var csrf = true
    var cookies: [String: String] = [:]
}

@Suite struct ConsoleMatrixTests {
    static func isConsole(_ path: String) -> Bool {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmed == "app" || trimmed == "portal" || trimmed.hasPrefix("app/") || trimmed.hasPrefix("portal/")
    }

    @Test func everyConsoleRouteIsInTheMatrix() async throws {
        let router = try buildRouter(TestApp.environment(pool: TestApp.unusedPool()))
        let registered = Set(
            router.routes.map { "\($0.method.rawValue) \(OpenAPIPaths.normalize($0.path.description))" }.filter {
                Self.isConsole(String($0.split(separator: " ")[1]))
            })
        let covered = Set(Self.cases.map { "\($0.method.rawValue) \(OpenAPIPaths.normalize($0.route))" })
        #expect(!registered.isEmpty)
        #expect(registered.subtracting(covered).sorted() == [], "console routes with no matrix entry")
        #expect(covered.subtracting(registered).sorted() == [], "matrix entries for console routes that do not exist")
        for entry in Self.cases {
            #expect(Set(entry.expected.keys) == Set(Who.allCases), "\(entry.method) \(entry.route) must list every role")
        }
    }

    @Test func everyRoleGetsTheExpectedPageOnEveryConsoleRoute() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var mismatches: [String] = []
            for entry in Self.cases {
                for who in Who.allCases {
                    let plan = try await entry.prepare(fixture, who)
                    var browser = try await ConsoleTestApp.browser(who, fixture: fixture, client: client)
                    browser.cookies = plan.cookies
                    var form = plan.form
                    if form != nil, plan.csrf, browser.session != nil {
                        let page = who == .client ? "/portal/settings" : "/app/settings"
                        form = [("csrf", try await browser.csrf(page))] + (form ?? [])
                    }
                    let response = try await browser.request(entry.method, plan.uri ?? entry.route, form: form)
                    let expected = entry.expected[who]!
                    if response.status != expected {
                        mismatches.append(
                            "\(entry.method) \(entry.route) as \(who): expected \(expected.code), got \(response.status.code) \(response.headers[.location] ?? "") \(response.text.prefix(160))"
                        )
                    }
                    if response.status.code >= 400 {
                        #expect(
                            response.headers[.contentType] == "text/html; charset=utf-8",
                            "\(entry.method) \(entry.route) as \(who): an error of the console is a page")
                    }
                    if response.status == .seeOther, who == .anonymous, entry.route != "/app/login" {
                        #expect(response.headers[.location] == "/app/login", "\(entry.route): without a session, the sign-in page")
                    }
                }
            }
            #expect(mismatches == [])
        }
    }
}
