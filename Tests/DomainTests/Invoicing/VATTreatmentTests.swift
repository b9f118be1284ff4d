import Domain
import Foundation
import Testing

@Suite("VAT treatment and line tax")
struct VATTreatmentTests {
    @Test(
        arguments: [
            (VATTreatment.domestic, 2100, LineTax(category: .standard, rateBP: 2100)),
            (.domestic, 600, LineTax(category: .standard, rateBP: 600)),
            (.domestic, 0, LineTax(category: .zero, rateBP: 0)),
            (
                .reverseCharge, 2100,
                LineTax(
                    category: .reverseCharge, rateBP: 0, exemptionCode: "VATEX-EU-AE",
                    exemptionReason: "Autoliquidation / Verlegging van heffing / Reverse charge")
            ),
            (
                .exempt(code: "VATEX-EU-132-1I", reason: "Education"), 2100,
                LineTax(category: .exempt, rateBP: 0, exemptionCode: "VATEX-EU-132-1I", exemptionReason: "Education")
            ),
            (.export, 2100, LineTax(category: .export, rateBP: 0, exemptionCode: "VATEX-EU-G", exemptionReason: "Export outside the EU")),
            (.outsideScope, 2100, LineTax(category: .outsideScope, rateBP: nil, exemptionCode: "VATEX-EU-O", exemptionReason: "Not subject to VAT")),
        ])
    func eachTreatmentGivesItsLineTax(treatment: VATTreatment, rateBP: Int, expected: LineTax) {
        #expect(treatment.lineTax(rateBP: rateBP) == expected)
    }

    @Test func everyCategoryButStandardAndZeroNeedsAnExemptionReason() {
        #expect(VATCategory.allCases.filter(\.needsExemptionReason).map(\.rawValue) == ["E", "AE", "K", "G", "O"])
    }

    @Test(
        arguments: [
            ("VATEX-EU-132-1I", "Education", [String]()),
            ("vatex-eu-79-c", "Discount", []),  // upper-cased when normalised
            ("", "", ["vat_treatment.exemption_code", "vat_treatment.exemption_reason"]),
            ("VATEX-EU-AE", "Reverse", ["vat_treatment.exemption_code"]),  // locked to AE
            ("EXEMPT", "Reason", ["vat_treatment.exemption_code"]),
            ("VATEX-EU-132", " ", ["vat_treatment.exemption_reason"]),
        ])
    func anExemptTreatmentNeedsACodeOfCategoryEAndAReason(code: String, reason: String, fields: [String]) {
        let treatment = VATTreatment.exempt(code: code, reason: reason).normalized
        #expect(treatment.problems(prefix: "vat_treatment").map(\.field) == fields)
    }

    @Test(
        arguments: [
            (VATTreatment.domestic, #"{"kind":"domestic"}"#),
            (.reverseCharge, #"{"kind":"reverse_charge"}"#),
            (.exempt(code: "VATEX-EU-132", reason: "Art. 44"), #"{"exemptionCode":"VATEX-EU-132","exemptionReason":"Art. 44","kind":"exempt"}"#),
            (.outsideScope, #"{"kind":"outside_scope"}"#),
        ])
    func aTreatmentRoundTripsThroughJSON(treatment: VATTreatment, json: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(treatment), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(VATTreatment.self, from: Data(json.utf8)) == treatment)
    }
}
