import Domain
import Foundation
import Testing

@Suite("Role")
struct RoleTests {
    @Test(arguments: [(Role.admin, "admin"), (.manager, "manager"), (.member, "member"), (.client, "client")])
    func rolesUseTheSpecSpelling(role: Role, spelling: String) {
        #expect(role.rawValue == spelling)
        #expect(Role(rawValue: spelling) == role)
    }

    @Test func onlyClientContactsAreNotStaff() {
        #expect(Role.allCases.filter { !$0.isStaff } == [.client])
    }

    @Test func anUnknownRoleDoesNotDecode() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Role].self, from: Data(#"["owner"]"#.utf8))
        }
    }
}
