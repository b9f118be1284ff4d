import Domain
import Foundation
import Hummingbird
import Services

/// The file of an import request (issue 16): a CSV file or an XLSX workbook, as the raw
/// body (`text/csv` or the XLSX media type) or as the one file of a
/// `multipart/form-data` body (`curl -F file=@export.csv`), read up to the import limit.
struct ImportUpload {
    let data: Data
    /// A workbook says so by its media type, or inside a multipart body by its ZIP signature.
    let isWorkbook: Bool

    static let expected = "text/csv, \(XLSXWriter.mediaType), or multipart/form-data with one file"

    static func read(_ request: Request, context: AuthenticatedContext) async throws -> ImportUpload {
        let (file, mediaType) = try await file(request, context: context, accepting: ["text/csv", XLSXWriter.mediaType], expected: expected)
        let isWorkbook = mediaType == XLSXWriter.mediaType || (mediaType == "multipart/form-data" && file.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        return ImportUpload(data: file, isWorkbook: isWorkbook)
    }

    /// The file of an import body sent raw as one of `mediaTypes` or as the one file of
    /// a `multipart/form-data` body, bounded by SHEAF_MAX_IMPORT_BYTES; with the body's
    /// media type.
    static func file(
        _ request: Request, context: AuthenticatedContext, accepting mediaTypes: [String], expected: String
    ) async throws -> (Data, String) {
        // The file must say what it is, as every body must (a missing body is not an empty file).
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, (mediaTypes + ["multipart/form-data"]).contains(mediaType) else {
            throw UnsupportedMediaType(received: mediaType, expected: expected)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        var file = Data(buffer.readableBytesView)
        if let contentType = request.headers[.contentType], MultipartFile.isMultipart(contentType) {
            do throws(MultipartFile.Problem) {
                file = try MultipartFile.file(in: file, contentType: contentType)
            } catch {
                throw DomainError.invalid(field: "file", message: error.message)
            }
        }
        return (file, mediaType)
    }
}
