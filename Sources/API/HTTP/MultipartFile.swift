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

    /// The bytes of the uploaded file in `body`.
    static func file(in body: Data, contentType: String) throws(Problem) -> Data {
        guard let boundary = boundary(of: contentType) else { throw .noBoundary }
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        var parts: [(headers: String, content: Data)] = []
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
            parts.append((headers, Data(part[split.upperBound...])))
            cursor = next.upperBound
        }
        let files = parts.filter { Self.hasFilename($0.headers) }
        if files.count > 1 { throw .severalFiles }
        if let file = files.first { return file.content }
        guard parts.count == 1 else { throw .noFile }
        return parts[0].content
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

    private static func hasFilename(_ headers: String) -> Bool {
        headers.split(separator: "\r\n").contains { line in
            let lower = line.lowercased()
            return lower.hasPrefix("content-disposition:") && lower.contains("filename")
        }
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
