import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The clients in the console (issue 19 item 4): the list (`GET /api/v1/clients`), a new
/// client (`POST /api/v1/clients`, the admin and managers), one client changed at its
/// version (`PATCH /api/v1/clients/{id}`, the admin and the leads of its teams), and
/// its contacts (`GET`/`POST /api/v1/clients/{id}/contacts`).
struct ConsoleClientsController {
    let clients: ClientService
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/clients", use: list)
        app.post("/app/clients", use: create)
        app.get("/app/clients/{id}", use: show)
        app.post("/app/clients/{id}", use: update)
        app.post("/app/clients/{id}/contacts", use: addContact)
    }

    struct Row: Sendable {
        let id: String
        let name: String
        let currency: String
        let terms: String
        let vatID: String
        let archived: Bool
        let openLabel: String
    }

    struct ListPage: Sendable {
        let clients: [Row]
        let canCreate: Bool
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let found = try await clients.list(ClientQuery(limit: 200), caller: caller).prefix(200)
        let rows = found.map { client in
            Row(
                id: client.id.description, name: client.name, currency: client.currency.code,
                terms: ConsoleCatalog.format("days", console.language, String(client.paymentTermsDays)), vatID: client.vatID,
                archived: client.isArchived, openLabel: ConsoleCatalog.format("clients_open_label", console.language, client.name))
        }
        let page = ListPage(clients: Array(rows), canCreate: Policy.can(caller.actor, .manageClients, .agency))
        return try console.render("console-clients", titleKey: "clients_title", section: "clients", page: page)
    }

    /// `name`, and optionally `currency` and `payment_terms_days` (the agency's by default).
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        var created: ClientID?
        let response = try await ConsoleRequest.perform(success: "/app/clients", failure: "/app/clients") {
            let client = try await clients.create(
                NewClient(
                    name: form["name"] ?? "", vatID: Self.text(form, "vat_id"), currency: Self.text(form, "currency")?.uppercased(),
                    paymentTermsDays: try Self.terms(form)),
                caller: caller)
            created = client.id
            return Flash(.ok, ConsoleCatalog.format("clients_created", language, client.name))
        }
        guard let created else { return response }
        return ConsoleRequest.redirect("/app/clients/\(created)", flash: Flash(.ok, ConsoleCatalog.text("clients_created_short", language)))
    }

    /// A non-empty, trimmed field; nil when left empty.
    static func text(_ form: ConsoleForm, _ name: String) -> String? {
        guard let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func terms(_ form: ConsoleForm) throws -> Int? {
        guard let text = text(form, "payment_terms_days") else { return nil }
        guard let days = Int(text), (0...365).contains(days) else {
            throw DomainError.invalid(field: "payment_terms_days", message: "must be a number of days from 0 to 365")
        }
        return days
    }

    struct Contact: Sendable {
        let name: String
        let email: String
        let phone: String
        let jobTitle: String
        let billing: Bool
    }

    struct ClientPage: Sendable {
        let id: String
        let name: String
        let currency: String
        let terms: Int
        let vatID: String
        let version: Int
        let canManage: Bool
        let contacts: [Contact]
        let hasContacts: Bool
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let client = try await clients.get(try context.pathID(entity: "client"), caller: caller)
        let contacts = try await clients.contacts(of: client.id, caller: caller).map {
            Contact(name: $0.name, email: $0.email, phone: $0.phone, jobTitle: $0.jobTitle, billing: $0.receivesInvoices)
        }
        let page = ClientPage(
            id: client.id.description, name: client.name, currency: client.currency.code, terms: client.paymentTermsDays, vatID: client.vatID,
            version: client.version, canManage: caller.user.role == .admin || caller.user.role == .manager, contacts: contacts,
            hasContacts: !contacts.isEmpty)
        return try console.render("console-client", titleKey: "client_title", section: "clients", page: page, extraTitle: client.name)
    }

    /// `name`, `currency`, `payment_terms_days`, `vat_id` at `version`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ClientID = try context.pathID(entity: "client")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/clients/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            let changes = ClientChanges(
                name: form["name"], vatID: form["vat_id"], currency: Self.text(form, "currency")?.uppercased(), paymentTermsDays: try Self.terms(form))
            let client = try await clients.update(id, changes: changes, expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("client_saved", language, client.name))
        }
    }

    /// `name`, `email`, `phone`, `job_title`, `receives_invoices` (a checkbox).
    @Sendable func addContact(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ClientID = try context.pathID(entity: "client")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/clients/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let contact = try await clients.createContact(
                NewContact(
                    name: form["name"] ?? "", email: form["email"] ?? "", phone: Self.text(form, "phone"), jobTitle: Self.text(form, "job_title"),
                    receivesInvoices: form["receives_invoices"] == "on"),
                of: id, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("client_contact_added", language, contact.name))
        }
    }
}
