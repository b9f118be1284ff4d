/// The refusal of an issue while seller or buyer data an invoice needs is missing
/// (SPEC §5 "Parties": "Issuing refuses incomplete party data, naming the missing fields").
public enum InvoicePartyCheck {
    /// One field error per missing field, seller first (`seller.iban`, `buyer.address.city`).
    public static func missing(seller: SellerParty, buyer: BuyerParty) -> [FieldError] {
        (seller.missingForInvoicing() + buyer.missingForInvoicing()).map {
            FieldError(field: $0, message: "is required to issue an invoice")
        }
    }

    /// Throws ``DomainError/invalid(_:)`` (a 422 listing every missing field) unless both
    /// parties are complete.
    public static func require(seller: SellerParty, buyer: BuyerParty) throws(DomainError) {
        let errors = missing(seller: seller, buyer: buyer)
        if !errors.isEmpty { throw .invalid(errors) }
    }
}
