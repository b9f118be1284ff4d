import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// How a report answers: JSON; RFC 4180 CSV (the exports' conventions) when the
/// request's `Accept` names `text/csv`; or the same rows as a typed XLSX workbook when
/// `Accept` prefers the XLSX media type (issue 16 item 4).
enum ReportResponse {
    static func wantsCSV(_ request: Request) -> Bool {
        request.headers[values: .accept].contains { value in
            value.split(separator: ",").contains { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "text/csv" }
        }
    }

    static func make(_ request: Request, name: String, json: some Encodable, csv: () -> CSVWriter) throws -> Response {
        if SpreadsheetResponse.prefersXLSX(request) {
            return SpreadsheetResponse.xlsx(try workbook(name: name, csv()), filename: "\(name).xlsx")
        }
        guard wantsCSV(request) else { return try JSONBody.response(json) }
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name).csv\"",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: csv().data())))
    }

    /// The report's CSV as a workbook: the CSV is read back (it is this writer's own
    /// output, so the formula guard is undone exactly) and each column typed by its
    /// name (``columnKind(_:)``).
    static func workbook(name: String, _ writer: CSVWriter) throws -> Data {
        let table = try CSVReader(delimiter: .comma).read(writer.data())
        var sheet = SheetTable(name: name.prefix(1).uppercased() + name.dropFirst(), columns: SheetColumn.columns(table.header, kind: columnKind))
        for record in table.records { sheet.append(record.fields.map(CSVWriter.restoringFormula)) }
        return try XLSXWriter.data(sheet)
    }

    /// How the reports' CSV columns are typed: dates as dates, counts as whole numbers,
    /// hours, days and percentages as numbers, amounts in the row's `currency`.
    static func columnKind(_ name: String) -> SheetColumn.Kind {
        switch name {
        case "as_of", "from", "to", "period_from", "period_to": .date
        case "open_invoices", "settled_invoices", "items", "working_days", "missing_days", "unknown_cost_entries": .integer
        case "utilization_percent", "margin_percent", "average_days_to_pay": .decimal
        case _ where name.hasSuffix("hours"): .decimal
        case "amount", "cost", "invoiced", "credited", "net", "collected", "revenue", "unbilled", "labour_cost", "markup", "margin",
            "non_rechargeable_expenses", "rechargeable_expenses", "actual_expenses", "planned_expenses", "total":
            .money(currencyColumn: "currency")
        case _ where AgeingBucket.allCases.contains { $0.rawValue == name }: .money(currencyColumn: "currency")
        default: .text
        }
    }

    /// A CSV amount: major units with the currency's minor digits (`1234.50`).
    static func amount(_ minor: Int64, _ currency: Currency) -> String {
        FixedPoint.format(minor, scale: currency.minorUnitDigits)
    }

    static func hours(_ minutes: Int64) -> String {
        WorkHours.decimalString(fromMinutes: Int(minutes))
    }
}

/// Minutes with their decimal hours (`"12.50"`).
struct DurationDTO: Encodable, Sendable {
    let minutes: Int64
    let hours: String

    init(_ minutes: Int64) {
        self.minutes = minutes
        hours = ReportResponse.hours(minutes)
    }
}

/// The period a report covers.
struct PeriodDTO: Encodable, Sendable {
    let from: LocalDate
    let to: LocalDate

    init(_ range: ReportRange) {
        from = range.from
        to = range.to
    }
}
