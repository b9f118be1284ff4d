import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `/api/v1/expenses/{id}/receipts`: the files that prove an expense (issue 5 item 1),
/// kept in PostgreSQL. The upload is the raw file as the body; its type is decided by
/// its content only (PDF, PNG, JPEG or HEIC), whatever `Content-Type` or name it came with.
/// Its size limit (`SHEAF_MAX_RECEIPT_BYTES`) is enforced by ``BodyLimitMiddleware``.
struct ExpenseReceiptsController {
    let expenses: ExpenseService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/expenses/{id}/receipts", use: upload)
        api.get("/expenses/{id}/receipts", use: list)
        api.get("/expenses/{id}/receipts/{receipt_id}", use: download)
        api.delete("/expenses/{id}/receipts/{receipt_id}", use: delete)
    }

    /// `POST /expenses/{id}/receipts[?file_name=]` with the file as the body; the name
    /// from `Content-Disposition: attachment; filename="…"` wins over the query.
    @Sendable func upload(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ExpenseID = try context.pathID(entity: "expense")
        var query = QueryReader(request)
        let named = query.text("file_name", maxLength: 255)
        try query.throwIfInvalid()
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let fileName = request.headers[.contentDisposition].flatMap(Self.fileName(fromContentDisposition:)) ?? named
        let receipt: ExpenseReceipt
        do {
            receipt = try await expenses.addReceipt(to: id, data: Data(body.readableBytesView), fileName: fileName, caller: caller)
        } catch let error as UnsupportedReceiptType {
            throw HTTPError(.unsupportedMediaType, message: error.message)
        }
        return try JSONBody.created(ExpenseReceiptDTO(receipt), location: "/api/v1/expenses/\(id)/receipts/\(receipt.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let receipts = try await expenses.receipts(of: try context.pathID(entity: "expense"), caller: caller)
        return try JSONBody.response(ListDTO(items: receipts.map(ExpenseReceiptDTO.init)))
    }

    struct ListDTO: Encodable {
        let items: [ExpenseReceiptDTO]
    }

    /// The file, as stored, with its sniffed type; browsers must not guess another.
    @Sendable func download(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ExpenseID = try context.pathID(entity: "expense")
        let receiptID: ReceiptID = try context.pathID("receipt_id", entity: "receipt")
        let (receipt, data) = try await expenses.downloadReceipt(receiptID, of: id, caller: caller)
        let headers: HTTPFields = [
            .contentType: receipt.type.rawValue,
            .contentDisposition: Self.attachment(receipt.fileName),
            .cacheControl: "private, no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `DELETE /expenses/{id}/receipts/{receipt_id}`: the author, while the expense is open.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ExpenseID = try context.pathID(entity: "expense")
        let receiptID: ReceiptID = try context.pathID("receipt_id", entity: "receipt")
        try await expenses.removeReceipt(receiptID, of: id, caller: caller)
        return Response(status: .noContent)
    }

    /// The `filename*` (RFC 5987, UTF-8) or `filename` parameter of a Content-Disposition value.
    static func fileName(fromContentDisposition value: String) -> String? {
        var plain: String?
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "filename*":
                let encoded = pair[1].components(separatedBy: "''")
                if encoded.count == 2, encoded[0].lowercased() == "utf-8", let decoded = encoded[1].removingPercentEncoding {
                    return decoded
                }
            case "filename":
                var name = pair[1]
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                    name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                }
                plain = name
            default:
                continue
            }
        }
        return plain
    }

    /// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`.
    static func attachment(_ fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
