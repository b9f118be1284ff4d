import Domain
import Testing

@Suite("Seller and buyer parties")
struct PartyTests {
    static let brussels = PostalAddress(street: "Rue de la Loi 16", city: "Bruxelles", postalCode: "1000", country: "BE")

    static let completeSeller = SellerParty(
        legalName: "Studio Sheaf", legalForm: "SRL", registerMention: "RPM Bruxelles", address: brussels, vatNumber: "BE0123456749",
        companyNumber: "0123456749", email: "billing@studio.be", iban: "BE68539007547034", bic: "GEBABEBB",
        electronicAddress: ElectronicAddress(scheme: "0208", identifier: "0123456749"))

    @Test func aCompleteSellerMissesNothingAndBreaksNoRule() {
        #expect(Self.completeSeller.missingForInvoicing() == [])
        #expect(Self.completeSeller.problems(prefix: "seller") == [])
    }

    @Test func anEmptySellerNamesEveryFieldAnInvoiceNeeds() {
        #expect(
            SellerParty(legalName: "").missingForInvoicing() == [
                "seller.legal_name", "seller.address.street", "seller.address.city", "seller.address.postal_code",
                "seller.address.country", "seller.vat_number", "seller.company_number", "seller.email", "seller.iban",
                "seller.electronic_address",
            ])
    }

    @Test func everyInvalidSellerFieldIsNamedAtOnce() {
        let seller = SellerParty(
            legalName: "Studio", address: PostalAddress(street: "", city: "Bruxelles", postalCode: "", country: "BE"),
            vatNumber: "BE0123456748", companyNumber: "0123456748", email: "nope", iban: "BE68539007547035", bic: "GEBA",
            electronicAddress: ElectronicAddress(scheme: "1234", identifier: "0123456748"))
        #expect(
            seller.problems(prefix: "seller").map(\.field) == [
                "seller.address.street", "seller.address.postal_code", "seller.vat_number", "seller.company_number", "seller.email",
                "seller.iban", "seller.bic", "seller.electronic_address.scheme",
            ])
    }

    @Test(
        arguments: [
            ("0208", "0123.456.749", "0123456749", true), ("0208", "0123456748", "0123456748", false),
            ("9925", "be0123456749", "BE0123456749", true), ("9925", "FR40303265045", "FR40303265045", false),
            ("0088", "5412345000013", "5412345000013", true), ("0088", "", "", false), ("0000", "x", "x", false),
        ])
    func electronicAddressesAreCheckedPerScheme(scheme: String, raw: String, normalized: String, valid: Bool) {
        let address = ElectronicAddress(scheme: scheme, identifier: raw).normalized
        #expect(address.identifier == normalized)
        #expect(address.problems(prefix: "electronic_address").isEmpty == valid)
    }

    @Test func normalisingCompactsIdentifiersAndKeepsInvalidOnesForTheMessage() {
        let seller = SellerParty(
            legalName: " Studio ", tradingName: " ", address: PostalAddress(street: " Rue 1 ", city: "Gent", postalCode: "9000", country: "be"),
            vatNumber: "be 0123.456.749", companyNumber: "0123.456.748", iban: "be68 5390 0754 7034"
        ).normalized
        #expect(seller.legalName == "Studio")
        #expect(seller.tradingName == nil)
        #expect(seller.address == PostalAddress(street: "Rue 1", city: "Gent", postalCode: "9000", country: "BE"))
        #expect(seller.vatNumber == "BE0123456749")
        #expect(seller.companyNumber == "0123.456.748")
        #expect(seller.iban == "BE68539007547034")
    }

    @Test func aForeignCompanyNumberIsNotCheckedAsBelgian() {
        let buyer = BuyerParty(
            name: "Acme SAS", address: PostalAddress(street: "1 rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR"),
            companyNumber: "303 265 045")
        #expect(buyer.problems(prefix: "") == [])
    }

    @Test(
        arguments: [
            // treatment, has VAT number, missing
            (VATTreatment.domestic, false, [String]()),
            (.reverseCharge, false, ["buyer.vat_number"]),
            (.reverseCharge, true, []),
            (.export, false, []),
        ])
    func aBuyerNeedsItsVATNumberOnlyForReverseCharge(treatment: VATTreatment, hasVATNumber: Bool, missing: [String]) {
        let buyer = BuyerParty(
            name: "Acme", address: Self.brussels, vatNumber: hasVATNumber ? "NL123456789B01" : nil,
            electronicAddress: ElectronicAddress(scheme: "0208", identifier: "0123456749"), vatTreatment: treatment)
        #expect(buyer.missingForInvoicing() == missing)
    }

    @Test func aBuyerAlwaysNeedsItsAddressAndElectronicAddress() {
        #expect(
            BuyerParty(name: "Acme").missingForInvoicing() == [
                "buyer.address.street", "buyer.address.city", "buyer.address.postal_code", "buyer.address.country",
                "buyer.electronic_address",
            ])
    }
}

@Suite("Issuing needs complete parties")
struct InvoicePartyCheckTests {
    @Test func anIncompleteBuyerIsRefusedNamingEachMissingField() {
        let buyer = BuyerParty(name: "Acme", address: PartyTests.brussels, vatTreatment: .reverseCharge)
        #expect(throws: DomainError.invalid([
            FieldError(field: "buyer.vat_number", message: "is required to issue an invoice"),
            FieldError(field: "buyer.electronic_address", message: "is required to issue an invoice"),
        ])) {
            try InvoicePartyCheck.require(seller: PartyTests.completeSeller, buyer: buyer)
        }
    }

    @Test func completePartiesPass() throws {
        let buyer = BuyerParty(
            name: "Acme", address: PartyTests.brussels, electronicAddress: ElectronicAddress(scheme: "0208", identifier: "0202239951"))
        try InvoicePartyCheck.require(seller: PartyTests.completeSeller, buyer: buyer)
    }
}
