import Domain
import Foundation
import HTTPTypes
import TestSupport

extension RoleMatrixTests {
    /// Role-matrix entries for the validation routes.
    static let validation: [MatrixCase] = []
}
