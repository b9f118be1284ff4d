public import Domain

/// What a caller gives or changes of a client's buyer identity: `nil` leaves a field
/// as it is (on creation: its default), `.some(nil)` clears an optional one. The
/// address and electronic address are replaced whole. Language and VAT treatment
/// arrive as wire text and are checked here, so that every bad field is named at once.
public struct BuyerChanges: Sendable {
    public var address: PostalAddress??
    public var vatNumber: String??
    public var companyNumber: String??
    public var electronicAddress: ElectronicAddress??
    public var buyerReference: String??
    public var language: String?
    public var vatTreatment: VATTreatmentInput?

    public init(
        address: PostalAddress?? = nil, vatNumber: String?? = nil, companyNumber: String?? = nil,
        electronicAddress: ElectronicAddress?? = nil, buyerReference: String?? = nil, language: String? = nil,
        vatTreatment: VATTreatmentInput? = nil
    ) {
        self.address = address
        self.vatNumber = vatNumber
        self.companyNumber = companyNumber
        self.electronicAddress = electronicAddress
        self.buyerReference = buyerReference
        self.language = language
        self.vatTreatment = vatTreatment
    }

    /// Applies the changes to `client` and normalises its party; returns the errors of
    /// the wire text (language, treatment kind) and of writing a free-text field that a
    /// structured one has replaced. A structured address or VAT number clears the free
    /// text of before (it stays readable until then).
    func apply(to client: inout Client, billingAddressChanged: Bool, vatIDChanged: Bool) -> [FieldError] {
        var validation = Validation()
        var buyer = client.buyer
        if let address { buyer.address = address }
        if let vatNumber { buyer.vatNumber = vatNumber }
        if let companyNumber { buyer.companyNumber = companyNumber }
        if let electronicAddress { buyer.electronicAddress = electronicAddress }
        if let buyerReference { buyer.buyerReference = buyerReference }
        if let language {
            if let parsed = DocumentLanguage(rawValue: language) {
                buyer.language = parsed
            } else {
                validation.add(field: "language", message: "must be one of en, fr, nl, de")
            }
        }
        if let vatTreatment {
            if let parsed = vatTreatment.treatment {
                buyer.vatTreatment = parsed
            } else {
                validation.add(field: "vat_treatment.kind", message: "must be one of \(VATTreatment.kinds.joined(separator: ", "))")
            }
        }
        client.buyer = buyer.normalized
        if client.address != nil {
            if billingAddressChanged, !client.billingAddress.isEmpty, address == nil {
                validation.add(field: "billing_address", message: "is replaced by address; change that instead")
            }
            client.billingAddress = ""
        }
        if client.vatNumber != nil {
            if vatIDChanged, !client.vatID.isEmpty, vatNumber == nil {
                validation.add(field: "vat_id", message: "is replaced by vat_number; change that instead")
            }
            client.vatID = ""
        }
        return validation.errors
    }
}

/// A VAT treatment as sent: `{"kind", "exemption_code", "exemption_reason"}`.
public struct VATTreatmentInput: Sendable {
    public var kind: String
    public var exemptionCode: String?
    public var exemptionReason: String?

    public init(kind: String, exemptionCode: String? = nil, exemptionReason: String? = nil) {
        self.kind = kind
        self.exemptionCode = exemptionCode
        self.exemptionReason = exemptionReason
    }

    /// The treatment, or nil for an unknown kind. A missing code or reason of an exempt
    /// treatment stays empty, for ``VATTreatment/problems(prefix:)`` to name.
    var treatment: VATTreatment? {
        switch kind {
        case "domestic": .domestic
        case "reverse_charge": .reverseCharge
        case "exempt": .exempt(code: exemptionCode ?? "", reason: exemptionReason ?? "")
        case "export": .export
        case "outside_scope": .outsideScope
        default: nil
        }
    }
}
