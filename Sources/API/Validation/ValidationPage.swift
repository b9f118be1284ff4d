import Domain
import Foundation

/// The page of a validation request, whatever its kind.
enum ValidationPage {
    /// The template and view of `record`'s page; nil when its content cannot be shown.
    static func of(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") -> (template: String, view: Any)? {
        switch record.kind {
        case .timesheet:
            ValidationPageView(record, errors: errors, name: name, comment: comment).map { ("validation", $0) }
        case .milestone:
            MilestonePageView(record, errors: errors, name: name, comment: comment).map { ("milestone-validation", $0) }
        case .changeRequest:
            ChangeRequestPageView(record, errors: errors, name: name, comment: comment).map { ("change-request-validation", $0) }
        }
    }
}
