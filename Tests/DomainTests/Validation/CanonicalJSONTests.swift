import Domain
import Foundation
import Testing

@Suite("CanonicalJSON")
struct CanonicalJSONTests {
    @Test func keysAreSortedAndThereIsNoWhitespace() {
        let value = CanonicalJSON.object([
            "b": .integer(2), "a": .array([.null, .bool(true), .bool(false), .integer(-7)]),
            "B": .object(["z": .string(""), "y": .object([:])]), "aa": .array([]),
        ])
        #expect(value.text == #"{"B":{"y":{},"z":""},"a":[null,true,false,-7],"aa":[],"b":2}"#)
    }

    @Test(
        arguments: [
            ("plain", #""plain""#),
            ("quote \" and \\ backslash", #""quote \" and \\ backslash""#),
            ("tab\tline\nreturn\rfeed\u{0C}back\u{08}", #""tab\tline\nreturn\rfeed\fback\b""#),
            ("\u{00}\u{1F}\u{7F}", #""\u0000\u001f"# + "\u{7F}\""),  // DEL is not a control to escape
            ("é ✓ 🎉 \u{2028} /", "\"é ✓ 🎉 \u{2028} /\""),  // literal UTF-8; "/" not escaped
        ]
    )
    func stringsEscapeOnlyWhatJSONRequires(text: String, expected: String) {
        #expect(CanonicalJSON.string(text).text == expected)
    }

    @Test func theTextIsValidJSONThatFoundationReadsBack() throws {
        let value = CanonicalJSON.object(["name": .string("Café \"Nord\"\n"), "minutes": .integer(90)])
        let parsed = try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any]
        #expect(parsed?["name"] as? String == "Café \"Nord\"\n")
        #expect(parsed?["minutes"] as? Int == 90)
    }
}
