import Domain
import Foundation
import Services

/// What the milestone acceptance page (`milestone-validation.mustache`) shows, read back
/// from the stored canonical content (the figures hashed into `content_digest`).
struct MilestonePageView {
    let agency: String
    let projectName: String
    let projectCode: String
    let name: String
    /// The amount with its currency, written in the reader's language (`3 000,00 €`).
    let amount: String
    let lang: String
    /// "Prices exclude VAT, …" in the reader's language.
    let vatNote: String
    let percentage: String
    let hasPercentage: Bool
    let dueDate: String
    let hasDueDate: Bool
    let criteria: String
    let hasCriteria: Bool
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
        struct Amount: Decodable {
            let value: String
            let currency: String
        }
        struct Milestone: Decodable {
            let name: String
            let amount: Amount
            let percentage: String?
            let dueDate: String?
            let criteria: String
        }
        let kind: String
        let agency: String
        let project: Project
        let milestone: Milestone
    }

    init?(
        _ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "", language: ClientLanguage = .en
    ) {
        guard record.kind == .milestone,
            let document = try? SheafJSON.decoder.decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.milestone.rawValue
        else { return nil }
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        self.name = document.milestone.name
        amount = language.money(document.milestone.amount.value, currency: document.milestone.amount.currency)
        lang = language.rawValue
        vatNote = ValidationLabels.of(language).pricesExcludeVAT
        percentage = document.milestone.percentage ?? ""
        hasPercentage = document.milestone.percentage != nil
        dueDate = document.milestone.dueDate ?? ""
        hasDueDate = document.milestone.dueDate != nil
        criteria = document.milestone.criteria
        hasCriteria = !document.milestone.criteria.isEmpty
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { ValidationPageView.sentence($0, choose: "Choose Accept or Reject.") }
        hasErrors = !errors.isEmpty
        personName = name
        self.comment = comment
    }
}
