import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// How a report answers: JSON, or RFC 4180 CSV (the exports' conventions) when the
/// request's `Accept` names `text/csv`.
enum ReportResponse {
    static func wantsCSV(_ request: Request) -> Bool {
        request.headers[values: .accept].contains { value in
            value.split(separator: ",").contains { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "text/csv" }
        }
    }

    static func make(_ request: Request, name: String, json: some Encodable, csv: () -> CSVWriter) throws -> Response {
        guard wantsCSV(request) else { return try JSONBody.response(json) }
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(name).csv\"",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: csv().data())))
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
