import Domain
import Testing

@Suite("Structured communication and numbering")
struct StructuredCommunicationTests {
    @Test(
        arguments: [
            (Int64(108_068_171), "+++010/8068/17183+++"),
            (97, "+++000/0000/09797+++"),
            (654, "+++000/0000/65472+++"),
            (2_026_000_123, "+++202/6000/12320+++"),
            (0, "+++000/0000/00097+++"),
        ] as [(Int64, String)]
    )
    func theCheckDigitsAreTheBaseModulo97Or97(base: Int64, shown: String) throws {
        let communication = try #require(StructuredCommunication(base: base))
        #expect(communication.description == shown)
        #expect(StructuredCommunication(parsing: shown) == communication)
        #expect(StructuredCommunication(parsing: communication.digits) == communication)
    }

    @Test func anInvoiceNumbersCommunicationIsYearAndCounter() {
        #expect(StructuredCommunication(year: 2026, counter: 2)?.description == "+++202/6000/00293+++")
        #expect(StructuredCommunication(year: 2026, counter: 1_000_000) == nil)
    }

    @Test(arguments: ["+++010/8068/17184+++", "01080681718", "+++010/8068/1718x+++", ""])
    func aWrongCheckOrShapeIsNotACommunication(text: String) {
        #expect(StructuredCommunication(parsing: text) == nil)
    }

    @Test func numbersFollowTheTemplate() throws {
        #expect(InvoiceNumberFormat.invoices.render(year: 2026, counter: 2) == "2026-0002")
        #expect(InvoiceNumberFormat.creditNotes.render(year: 2026, counter: 1) == "2026-CN-0001")
        #expect(try InvoiceNumberFormat("F{YY}/{NNNNNN}", field: "f").render(year: 2027, counter: 12_345) == "F27/012345")
        #expect(try InvoiceNumberFormat("{NN}", field: "f").render(year: 2027, counter: 123) == "123")
        #expect(try InvoiceNumberFormat("INV-{NNNN}", field: "f").resetsYearly == false)
        #expect(InvoiceNumberFormat.invoices.resetsYearly)
    }

    @Test(arguments: ["2026-0001", "{YYYY}-{NNNN}-{NNNN}", "{YYYY}-{MM}-{NNNN}", "{YYY}{NNN}", String(repeating: "x", count: 50) + "{N}"])
    func aTemplateWithoutExactlyOneCounterIsRefused(template: String) {
        #expect(throws: DomainError.self) { try InvoiceNumberFormat(template, field: "invoice_number_format") }
    }
}
