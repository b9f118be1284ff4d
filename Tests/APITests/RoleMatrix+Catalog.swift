import Domain
import Foundation
import HTTPTypes
import TestSupport

extension RoleMatrixTests {
    /// Role-matrix entries for the catalog routes.
    static let catalog: [MatrixCase] = []
}
