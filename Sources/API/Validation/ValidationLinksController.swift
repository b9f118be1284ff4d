import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `/api/v1/validation-links/{token}`: the client's single-use signed link, no account
/// needed. `GET` shows what is to be validated — a period's hours, a delivered
/// milestone or a quoted change request — as a plain HTML page with a two-button form
/// (`decision=accept|reject`); `POST` (the form, `application/x-www-form-urlencoded`, or JSON) records the
/// decision and uses the link up. A bad token is 404; a used or expired link, or a
/// request decided another way, 410 — as an HTML page for browsers (`Accept:
/// text/html`) and problem+json for everyone else.
struct ValidationLinksController {
    let validations: ClientValidationService

    func register(on api: RouterGroup<SheafRequestContext>) {
        api.get("/validation-links/{token}", use: show)
        api.post("/validation-links/{token}", use: decide)
    }

    @Sendable func show(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let html = HTMLPage.prefersHTML(request)
        let language = ClientLanguage(request)
        do {
            let record = try await validations.openLink(token(context))
            guard let page = ValidationPage.of(record, language: language) else { throw DomainError.notFound(entity: "validation link") }
            return try HTMLPage.response(page.template, view: page.view)
        } catch {
            return try Self.failure(error, request: request, context: context, html: html, language: language)
        }
    }

    /// The decision of the form or of a JSON body; a rejection may name the disputed
    /// entries it is about (`entry` checkboxes of the form, `entry_ids` in JSON).
    struct LinkDecision: Decodable {
        let decision: ValidationRecord.Decision
        let comment: String?
        let name: String?
        let entryIDs: [TimeEntryID]
        enum CodingKeys: CodingKey { case decision, comment, name, entryIds }

        init(decision: ValidationRecord.Decision, comment: String?, name: String?, entryIDs: [TimeEntryID] = []) {
            self.decision = decision
            self.comment = comment
            self.name = name
            self.entryIDs = entryIDs
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            decision = try container.decodeChoice(ValidationRecord.Decision.self, forKey: .decision)
            comment = try container.decodeIfPresent(String.self, forKey: .comment)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            entryIDs = try container.decodeIfPresent([TimeEntryID].self, forKey: .entryIds) ?? []
        }
    }

    @Sendable func decide(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        let isJSON = mediaType == "application/json" || mediaType?.hasSuffix("+json") == true
        let isForm = mediaType == "application/x-www-form-urlencoded"
        // A form answers with pages; JSON with JSON; anything else as the client accepts.
        let html = isForm || (!isJSON && HTMLPage.prefersHTML(request))
        let token = token(context)
        let language = ClientLanguage(request)
        var form: [String: String] = [:]
        var ticked: [String] = []
        do {
            let body: LinkDecision
            if isJSON {
                body = try await JSONBody.decode(LinkDecision.self, from: request, context: context)
            } else if isForm {
                var request = request
                let buffer = try await request.collectBody(upTo: context.maxUploadSize)
                let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
                form = FormBody.parse(text)
                ticked = FormBody.values(named: "entry", in: text)
                body = try Self.decision(from: form, entries: ticked)
            } else {
                throw UnsupportedBody()
            }
            let record = try await validations.decideByLink(
                token, decision: body.decision, comment: body.comment, name: body.name, disputedEntries: body.entryIDs,
                origin: context.origin)
            guard html else { return try JSONBody.response(ValidationDTO(record)) }
            return try HTMLPage.response("validation-message", view: Self.confirmation(record))
        } catch let error as DomainError where html && !error.fieldErrors.isEmpty {
            // The form again, with what was wrong and what the person typed.
            do {
                let record = try await validations.openLink(token)
                guard
                    let page = ValidationPage.of(
                        record, errors: error.fieldErrors, name: form["name"] ?? "", comment: form["comment"] ?? "",
                        disputed: Set(ticked), language: language)
                else { throw DomainError.notFound(entity: "validation link") }
                return try HTMLPage.response(page.template, view: page.view, status: .unprocessableContent)
            } catch {
                return try Self.failure(error, request: request, context: context, html: html, language: language)
            }
        } catch {
            return try Self.failure(error, request: request, context: context, html: html, language: language)
        }
    }

    func token(_ context: SheafRequestContext) -> String {
        context.parameters.get("token") ?? ""
    }

    static func decision(from form: [String: String], entries: [String] = []) throws -> LinkDecision {
        guard let raw = form["decision"], let decision = ValidationRecord.Decision(rawValue: raw) else {
            throw DomainError.invalid(field: "decision", message: "must be one of accept, reject")
        }
        var ids: [TimeEntryID] = []
        for text in entries {
            guard let id = TimeEntryID(uuidString: text) else {
                throw DomainError.invalid(field: "entry_ids", message: "The entries named must be entries of this validation request.")
            }
            ids.append(id)
        }
        return LinkDecision(decision: decision, comment: form["comment"], name: form["name"], entryIDs: ids)
    }

    static func confirmation(_ record: ValidationRecord) -> MessagePageView {
        let accepted = record.status == .accepted
        let heading: String
        let first: String
        switch (record.kind, accepted) {
        case (.timesheet, true):
            heading = "Hours accepted"
            first = "You accepted the hours. Thank you: the agency has been told, and nothing else is needed from you."
        case (.timesheet, false):
            heading = "Hours rejected"
            first = "You rejected the hours. The agency has your comment and will come back to you with a corrected timesheet."
        case (.milestone, true):
            heading = "Milestone accepted"
            first = "You accepted this milestone. Thank you: the agency has been told, and nothing else is needed from you."
        case (.milestone, false):
            heading = "Milestone rejected"
            first = "You rejected this milestone. The agency has your comment and will deliver it again after rework."
        case (.changeRequest, true):
            heading = "Change accepted"
            first = "You accepted this change. Thank you: the agency has been told and can start the work."
        case (.changeRequest, false):
            heading = "Change rejected"
            first = "You rejected this change. The agency has your comment."
        }
        var paragraphs = [first]
        if let name = record.decidedByName, let at = record.decidedAt {
            paragraphs.append("Recorded for \(name) at \(HTMLPage.humanTime(at)).")
        }
        let verb = accepted ? "accepted" : "rejected"
        paragraphs.append("SHA-256 digest of the content you \(verb): \(record.contentDigest)")
        return MessagePageView(title: heading, heading: heading, paragraphs: paragraphs)
    }

    /// The error as a page (browsers) or a problem document (everyone else). Errors
    /// that are not about the link or the input go to the problem middleware.
    static func failure(
        _ error: any Error, request: Request, context: SheafRequestContext, html: Bool, language: ClientLanguage = .en
    ) throws -> Response {
        let problem: Problem
        let heading: String
        var contact: MessagePageView.Contact? = nil
        var agency = ""
        switch error {
        case let gone as ValidationLinkGone:
            problem = Problem(status: .gone, code: "validation_link_gone", detail: gone.message)
            heading = "This link no longer works"
            agency = gone.agencyName
            if !gone.contactEmail.isEmpty {
                let sentence = ValidationLabels.newLink(
                    agency: gone.agencyName, name: gone.contactName, email: gone.contactEmail, in: language)
                contact = MessagePageView.Contact(
                    lang: language.rawValue, before: sentence.before, email: gone.contactEmail, after: sentence.after)
            }
        case let error as DomainError:
            problem = error.problem
            heading = error.httpStatus == .notFound ? "This link is not valid" : "Your decision was not recorded"
        case let malformed as MalformedJSON:
            problem = malformed.problem
            heading = "Your decision was not recorded"
        case is UnsupportedBody:
            problem = Problem(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                detail: "Send the decision as application/x-www-form-urlencoded (the page's form) or application/json.")
            heading = "Your decision was not recorded"
        default:
            throw error
        }
        if html {
            var detail = problem.detail
            if problem.status == 404 {
                detail = "Check that the whole link from your e-mail was opened; a link that was shortened or changed does not work."
            }
            let view = MessagePageView(title: heading, heading: heading, paragraphs: [detail], agency: agency, contact: contact)
            return try HTMLPage.response("validation-message", view: view, status: HTTPResponse.Status(code: problem.status))
        }
        var located = problem
        // The token is a capability: never echo it back in `instance`.
        located.instance = "/api/v1/validation-links/{token}"
        located.requestId = context.requestID
        return located.response()
    }
}

/// A link decision that is neither a form nor JSON: 415.
struct UnsupportedBody: Error {}

/// `application/x-www-form-urlencoded` bodies (HTML forms).
enum FormBody {
    /// Every value of the repeated field `name` (checkboxes), in order, without repeats.
    static func values(named name: String, in text: String) -> [String] {
        var values: [String] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name, parts.count > 1 else { continue }
            let value = decode(parts[1])
            if !value.isEmpty, !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// The fields of `text`; the first value of a repeated name wins. `+` is a space;
    /// a malformed percent escape leaves the text as sent.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            guard !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
