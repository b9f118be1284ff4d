import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `GET /api/v1/exports/agency` (issue 16 item 5): the whole agency as one tar archive
/// (see ``AgencyExportService``), admin only; `sheaf import-agency FILE` loads it.
struct AgencyExportController {
    let export: AgencyExportService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/exports/agency", use: download)
    }

    /// Streamed (chunked): entries go out as the tables are read. The role is checked
    /// before the first byte, so a refusal is a plain 403.
    @Sendable func download(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        try export.authorize(caller)
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        let headers: HTTPFields = [
            .contentType: "application/x-tar",
            .contentDisposition: "attachment; filename=\"sheaf-agency-\(stamp).tar\"",
            .cacheControl: "no-store",
        ]
        let export = self.export
        let body = ResponseBody { writer in
            try await export.export(caller: caller) { piece in try await writer.write(ByteBuffer(bytes: piece)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
