import Foundation
public import Hummingbird

/// Refuses bodies over `SHEAF_MAX_BODY_BYTES` with 413 before any handler runs, whether
/// the size is declared (`Content-Length`) or only discovered while streaming. The
/// receipt upload route (`POST /api/v1/expenses/{id}/receipts`) alone gets
/// `SHEAF_MAX_RECEIPT_BYTES` instead, and its body is not read here: this runs before
/// authentication, and an anonymous caller must not make the server hold 10 MB. It is
/// read later, after authentication, by the idempotency middleware or the handler,
/// each bounded by `context.maxUploadSize` (a body past it is a 413 from the problem
/// middleware). Import files (`POST /api/v1/imports/…`) are handled the same way with
/// `SHEAF_MAX_IMPORT_BYTES` (issue 16 item 6).
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    let maxBytes: Int
    let receiptMaxBytes: Int
    let importMaxBytes: Int

    /// - Parameters:
    ///   - receiptMaxBytes: the receipt upload's limit; nil keeps `maxBytes` there too.
    ///   - importMaxBytes: the import files' limit; nil keeps `maxBytes` there too.
    public init(maxBytes: Int, receiptMaxBytes: Int? = nil, importMaxBytes: Int? = nil) {
        self.maxBytes = maxBytes
        self.receiptMaxBytes = receiptMaxBytes ?? maxBytes
        self.importMaxBytes = importMaxBytes ?? maxBytes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let limit = Self.isReceiptUpload(request) ? receiptMaxBytes : Self.isImport(request) ? importMaxBytes : maxBytes
        context.maxUploadSize = limit
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge)
        }
        guard request.method != .get, request.method != .head, !Self.isReceiptUpload(request), !Self.isImport(request) else {
            return try await next(request, context)
        }
        var request = request
        // Buffering here also lets later middleware (idempotency) read the body. The
        // count is checked as each chunk arrives: an oversize body without a
        // Content-Length is refused as soon as it passes the limit (a 413 from the
        // problem middleware), not after.
        _ = try await request.collectBody(upTo: limit)
        return try await next(request, context)
    }

    /// `POST /api/v1/imports/…`: an import file.
    static func isImport(_ request: Request) -> Bool {
        guard request.method == .post else { return false }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == 4 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "imports"
    }

    /// `POST /api/v1/expenses/{id}/receipts` (the router is not consulted yet: this
    /// runs before routing, so the path is matched here).
    static func isReceiptUpload(_ request: Request) -> Bool {
        guard request.method == .post else { return false }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == 5 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "expenses" && parts[4] == "receipts"
    }
}
