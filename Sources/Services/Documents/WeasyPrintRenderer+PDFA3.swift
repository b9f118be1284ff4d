import Foundation

extension WeasyPrintRenderer {
    /// The Python program the renderer runs, with the interpreter of the `weasyprint`
    /// command (so it imports the same WeasyPrint): arguments HTML, output, file
    /// identifier, modification date (`D:YYYYMMDDHHmmSSZ`), then the files to attach.
    ///
    /// WeasyPrint 57's `pdf/a-3b` variant writes the output intent and the XMP
    /// identification but leaves out what PDF/A-3 (ISO 19005-3) requires of the file
    /// and of an embedded file, which `scripts/lib/check_pdfa.py` checks. Its finisher
    /// hook adds them before the file is written:
    /// - the file identifier in the trailer (`/ID`, 6.1.3), from `identifier=`;
    /// - for each attachment: `/F` beside `/UF` (6.8), `/AFRelationship /Alternative`
    ///   (the UBL file is the same invoice in another form), the MIME type as the
    ///   embedded file's `/Subtype` and its `/ModDate`, and the catalog's `/AF` array
    ///   naming it, which associates it with the document.
    static let pdfA3Program = #"""
        import sys

        import pydyf
        from weasyprint import HTML, Attachment

        source, target, identifier, modified = sys.argv[1:5]
        attached = sys.argv[5:]


        def finish(document, pdf):
            specifications = []
            for item in pdf.objects:
                if isinstance(item, pydyf.Dictionary) and item.get('Type') == '/Filespec':
                    item['F'] = item['UF']
                    item['AFRelationship'] = '/Alternative'
                    specifications.append(item.reference)
                elif isinstance(item, pydyf.Stream) and item.extra.get('Type') == '/EmbeddedFile':
                    item.extra['Subtype'] = '/application#2Fxml'
                    item.extra['Params']['ModDate'] = pydyf.String(modified)
            if specifications:
                pdf.catalog['AF'] = pydyf.Array(specifications)


        HTML(filename=source).write_pdf(
            target, attachments=[Attachment(filename=path) for path in attached], finisher=finish,
            identifier=identifier.encode(), variant='pdf/a-3b')
        """#

    /// The command of the interpreter named by the `#!` line of `executable`
    /// (`["/usr/bin/python3"]` for Debian's package, `["/usr/bin/env", "python3"]`), or
    /// nil when it has none.
    static func interpreter(of executable: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: executable) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self)
        guard head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first else { return nil }
        let words = line.split(separator: " ").map(String.init)
        return words.isEmpty ? nil : words
    }

    /// `D:20261201093000Z`, the PDF date of `date` in UTC.
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let digits = [parts.month, parts.day, parts.hour, parts.minute, parts.second].map { value in
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return "D:\(parts.year ?? 1970)\(digits.joined())Z"
    }
}
