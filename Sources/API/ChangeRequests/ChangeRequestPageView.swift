import Domain
import Foundation
import Services

/// What the change-request agreement page (`change-request-validation.mustache`) shows,
/// read back from the stored canonical content.
struct ChangeRequestPageView {
    let agency: String
    let projectName: String
    let projectCode: String
    let reference: String
    let title: String
    let description: String
    let hasDescription: Bool
    let estimateHours: String
    let hasEstimate: Bool
    let isFixed: Bool
    /// The price with its currency, written in the reader's language (`€3,000.00`).
    let price: String
    let lang: String
    /// "Prices exclude VAT, …" in the reader's language.
    let vatNote: String
    let expiresAt: String
    let digest: String
    let errors: [String]
    let hasErrors: Bool
    let personName: String
    let comment: String

    private struct Document: Decodable {
        struct Project: Decodable {
            let name: String
            let code: String
        }
        struct Value: Decodable {
            let value: String
            let currency: String
        }
        struct Estimate: Decodable {
            let hours: String
        }
        struct Quote: Decodable {
            let kind: String
            let amount: Value?
            let hourlyRate: Value?
        }
        struct ChangeRequest: Decodable {
            let reference: String?
            let title: String?
            let description: String
            let estimate: Estimate?
            let quote: Quote
        }
        let kind: String
        let agency: String
        let project: Project
        let changeRequest: ChangeRequest
    }

    init?(
        _ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "", language: ClientLanguage = .en
    ) {
        guard record.kind == .changeRequest,
            let document = try? SheafJSON.decoder.decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.changeRequest.rawValue,
            let price = document.changeRequest.quote.amount ?? document.changeRequest.quote.hourlyRate
        else { return nil }
        let change = document.changeRequest
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        reference = change.reference ?? "Change request"
        title = change.title ?? change.description
        description = change.description
        hasDescription = !change.description.isEmpty && change.title != nil
        estimateHours = change.estimate?.hours ?? ""
        hasEstimate = change.estimate != nil
        isFixed = change.quote.kind == "fixed"
        self.price = language.money(price.value, currency: price.currency)
        lang = language.rawValue
        vatNote = ValidationLabels.of(language).pricesExcludeVAT
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { ValidationPageView.sentence($0, choose: "Choose Accept or Reject.") }
        hasErrors = !errors.isEmpty
        personName = name
        self.comment = comment
    }
}
