import Foundation

/// The one file of a `multipart/form-data` body (RFC 7578), which is what
/// `curl -F file=@export.csv` and browser forms send for an upload.
///
/// Only what an upload needs: the boundary from the content type, the parts, their
/// headers; the file is the part with a `filename`, or else the only part.
enum MultipartFile {
    enum Problem: Error, Equatable {
        /// The content type names no boundary.
        case noBoundary
        /// The body is not a well-formed multipart body.
        case malformed
        /// No part, or several parts and none of them a file.
        case noFile
        /// Several parts carry a file: which one is meant is unclear.
        case severalFiles
    }

    /// Whether `contentType` is `multipart/form-data`.
    static func isMultipart(_ contentType: String?) -> Bool {
        contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "multipart/form-data"
    }

    /// One part of a body: its field name, the file name when it carries a file, and its bytes.
    struct Part: Sendable {
        let name: String?
        let fileName: String?
        let content: Data
        var isFile: Bool { fileName != nil }
    }

    /// The bytes of the uploaded file in `body`.
    static func file(in body: Data, contentType: String) throws(Problem) -> Data {
        let parts = try parts(in: body, contentType: contentType)
        let files = parts.filter(\.isFile)
        if files.count > 1 { throw .severalFiles }
        if let file = files.first { return file.content }
        guard parts.count == 1 else { throw .noFile }
        return parts[0].content
    }

    /// Every part of `body`, in order.
    static func parts(in body: Data, contentType: String) throws(Problem) -> [Part] {
        guard let boundary = boundary(of: contentType) else { throw .noBoundary }
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.firstRange(of: delimiter)?.upperBound else { throw .malformed }
        while true {
            // After a delimiter: "--" closes the body, CRLF opens a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: crlf) else { throw .malformed }
            let partStart = cursor + crlf.count
            guard let next = body[partStart...].firstRange(of: crlf + delimiter) else { throw .malformed }
            let part = body[partStart..<next.lowerBound]
            guard let split = part.firstRange(of: Data("\r\n\r\n".utf8)) else { throw .malformed }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            parts.append(
                Part(
                    name: Self.dispositionParameter("name", in: headers), fileName: Self.fileName(in: headers),
                    content: Data(part[split.upperBound...])))
            cursor = next.upperBound
        }
        return parts
    }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The file name of a part that carries a file ("" when the browser sent none: a
    /// file field left empty), nil for a plain field.
    private static func fileName(in headers: String) -> String? {
        guard disposition(in: headers)?.lowercased().contains("filename") == true else { return nil }
        return dispositionParameter("filename", in: headers) ?? ""
    }

    private static func disposition(in headers: String) -> String? {
        headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init)
    }

    /// A parameter of the part's `Content-Disposition` (`name="csrf"`), unquoted.
    private static func dispositionParameter(_ parameter: String, in headers: String) -> String? {
        guard let line = disposition(in: headers) else { return nil }
        for item in line.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == parameter else { continue }
            let value = pair[1]
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }
}

extension MultipartFile.Problem {
    /// A sentence for the person who sent it.
    var message: String {
        switch self {
        case .noBoundary: "The multipart/form-data content type names no boundary."
        case .malformed: "The multipart/form-data body is not well formed."
        case .noFile: "The multipart/form-data body carries no file: send the CSV export as one file part (curl -F file=@export.csv)."
        case .severalFiles: "The multipart/form-data body carries several files: send one CSV export per request."
        }
    }
}
