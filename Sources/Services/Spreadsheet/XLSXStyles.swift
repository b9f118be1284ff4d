import Domain

/// The cell formats of a workbook ``XLSXWriter`` writes: fixed ones for the header,
/// dates, whole numbers and decimals, and one per currency met, added as cells need them.
struct XLSXStyles {
    /// Indexes into `cellXfs`.
    static let header = 1
    static let date = 2
    static let integer = 3
    static let decimal = 4
    private static let plainMoney = 5

    /// The first id free for custom number formats (0…163 are built in).
    private static let firstCustomFormat = 164
    /// Built-in number formats: `0` and `#,##0.00`.
    private static let builtinInteger = 1
    private static let builtinDecimal = 4

    private var currencies: [Currency] = []

    /// The style of an amount in `currency`: its decimals and its code (`#,##0.00 "EUR"`);
    /// two decimals without a code when the currency is unknown.
    mutating func money(_ currency: Currency?) -> Int {
        guard let currency else { return Self.plainMoney }
        if let index = currencies.firstIndex(of: currency) { return Self.plainMoney + 1 + index }
        currencies.append(currency)
        return Self.plainMoney + currencies.count
    }

    static func moneyFormat(_ currency: Currency) -> String {
        let decimals = currency.minorUnitDigits
        let number = decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals)
        return "\(number) \"\(currency.code)\""
    }

    var stylesheet: XMLTreeElement {
        let formats =
            [XMLTreeElement(name: "numFmt", attributes: [.init("numFmtId", String(Self.firstCustomFormat)), .init("formatCode", "yyyy-mm-dd")])]
            + currencies.enumerated().map { index, currency in
                XMLTreeElement(
                    name: "numFmt",
                    attributes: [.init("numFmtId", String(Self.firstCustomFormat + 1 + index)), .init("formatCode", Self.moneyFormat(currency))])
            }
        func font(bold: Bool) -> XMLTreeElement {
            XMLTreeElement(
                name: "font",
                children: (bold ? [XMLTreeElement(name: "b")] : [])
                    + [XMLTreeElement(name: "sz", attributes: [.init("val", "11")]), XMLTreeElement(name: "name", attributes: [.init("val", "Calibri")])])
        }
        func fill(_ pattern: String) -> XMLTreeElement {
            XMLTreeElement(name: "fill", children: [XMLTreeElement(name: "patternFill", attributes: [.init("patternType", pattern)])])
        }
        func xf(format: Int, font: Int = 0) -> XMLTreeElement {
            var attributes: [XMLTreeElement.Attribute] = [
                .init("numFmtId", String(format)), .init("fontId", String(font)), .init("fillId", "0"), .init("borderId", "0"), .init("xfId", "0"),
            ]
            if format != 0 { attributes.append(.init("applyNumberFormat", "1")) }
            if font != 0 { attributes.append(.init("applyFont", "1")) }
            return XMLTreeElement(name: "xf", attributes: attributes)
        }
        let cellFormats =
            [
                xf(format: 0), xf(format: 0, font: 1), xf(format: Self.firstCustomFormat), xf(format: Self.builtinInteger),
                xf(format: Self.builtinDecimal), xf(format: Self.builtinDecimal),
            ] + currencies.indices.map { xf(format: Self.firstCustomFormat + 1 + $0) }
        let border = XMLTreeElement(
            name: "border", children: ["left", "right", "top", "bottom", "diagonal"].map { XMLTreeElement(name: $0) })
        func counted(_ name: String, _ children: [XMLTreeElement]) -> XMLTreeElement {
            XMLTreeElement(name: name, attributes: [.init("count", String(children.count))], children: children)
        }
        return XMLTreeElement(
            name: "styleSheet", attributes: [.init("xmlns", XLSXWriter.mainNamespace)],
            children: [
                counted("numFmts", formats),
                counted("fonts", [font(bold: false), font(bold: true)]),
                counted("fills", [fill("none"), fill("gray125")]),
                counted("borders", [border]),
                counted(
                    "cellStyleXfs",
                    [XMLTreeElement(name: "xf", attributes: [.init("numFmtId", "0"), .init("fontId", "0"), .init("fillId", "0"), .init("borderId", "0")])]),
                counted("cellXfs", cellFormats),
                counted(
                    "cellStyles", [XMLTreeElement(name: "cellStyle", attributes: [.init("name", "Normal"), .init("xfId", "0"), .init("builtinId", "0")])]),
            ])
    }
}
