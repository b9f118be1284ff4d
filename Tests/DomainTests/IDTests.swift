import Domain
import Foundation
import Testing

@Suite("Typed ids")
struct IDTests {
    let uuid = UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E")!

    @Test func anIDEncodesAsABareLowercaseUUIDString() throws {
        let data = try JSONEncoder().encode([ProjectID(uuid)])
        #expect(String(decoding: data, as: UTF8.self) == #"["0f8fad5b-d9cb-469f-a165-70867728950e"]"#)
    }

    @Test(arguments: ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E"])
    func anIDDecodesFromAUUIDStringInEitherCase(text: String) throws {
        let decoded = try JSONDecoder().decode([UserID].self, from: Data("[\"\(text)\"]".utf8))
        #expect(decoded == [UserID(uuid)])
    }

    @Test(arguments: ["", "42", "0f8fad5b-d9cb-469f-a165", "not-a-uuid"])
    func aMalformedIDIsRefused(text: String) {
        #expect(UserID(uuidString: text) == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([UserID].self, from: Data("[\"\(text)\"]".utf8))
        }
    }

    @Test func anIDPrintsAsItsLowercaseUUID() {
        #expect(InvoiceID(uuid).description == "0f8fad5b-d9cb-469f-a165-70867728950e")
        #expect(InvoiceID(uuidString: "0f8fad5b-d9cb-469f-a165-70867728950e")?.uuid == uuid)
    }

    @Test func anIDRoundTripsThroughItsDescription() {
        let id = ClientID.random()
        #expect(ClientID(id.description) == id)
        #expect(ClientID("nope") == nil)
    }

    @Test func randomIDsDiffer() {
        let ids = Set((0..<100).map { _ in TaskID.random() })
        #expect(ids.count == 100)
    }
}
