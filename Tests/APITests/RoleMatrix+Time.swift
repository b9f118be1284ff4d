import Domain
import Foundation
import HTTPTypes
import TestSupport

extension RoleMatrixTests {
    /// Role-matrix entries for the time routes.
    static let time: [MatrixCase] = []
}
