import Domain
import Foundation

/// The page of a validation request, whatever its kind.
enum ValidationPage {
    /// The template and view of `record`'s page in `language`; nil when its content
    /// cannot be shown. `disputed`: the entries ticked in a previous attempt.
    static func of(
        _ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "", disputed: Set<String> = [],
        language: ClientLanguage = .en
    ) -> (template: String, view: Any)? {
        switch record.kind {
        case .timesheet:
            ValidationPageView(record, errors: errors, name: name, comment: comment, disputed: disputed, language: language)
                .map { ("validation", $0) }
        case .milestone:
            MilestonePageView(record, errors: errors, name: name, comment: comment, language: language).map { ("milestone-validation", $0) }
        case .changeRequest:
            ChangeRequestPageView(record, errors: errors, name: name, comment: comment, language: language)
                .map { ("change-request-validation", $0) }
        }
    }
}
