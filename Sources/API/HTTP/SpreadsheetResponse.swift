import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The answer of every `.xlsx` export, and the `Accept` negotiation that lets a `.csv`
/// export answer with a workbook (issue 16 item 4).
enum SpreadsheetResponse {
    /// A workbook download named `filename`.
    static func xlsx(_ data: Data, filename: String) -> Response {
        let headers: HTTPFields = [
            .contentType: XLSXWriter.mediaType,
            .contentDisposition: "attachment; filename=\"\(filename)\"",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Whether the request's `Accept` names the XLSX media type with a higher
    /// preference than CSV (a client that accepts both equally gets the CSV the URL names).
    static func prefersXLSX(_ request: Request) -> Bool {
        var xlsx = 0.0
        var csv = 0.0
        for value in request.headers[values: .accept] {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let type = parts.first else { continue }
                let weight = parts.dropFirst().compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
                if type == XLSXWriter.mediaType { xlsx = max(xlsx, weight) }
                if type == "text/csv" || type == "text/*" || type == "*/*" { csv = max(csv, weight) }
            }
        }
        return xlsx > 0 && xlsx > csv
    }

    /// A `.csv` route's handler that hands requests preferring XLSX to `xlsx`.
    static func negotiating<Context: RequestContext>(
        csv: @escaping @Sendable (Request, Context) async throws -> Response,
        xlsx: @escaping @Sendable (Request, Context) async throws -> Response
    ) -> @Sendable (Request, Context) async throws -> Response {
        { request, context in
            try await (prefersXLSX(request) ? xlsx : csv)(request, context)
        }
    }
}
