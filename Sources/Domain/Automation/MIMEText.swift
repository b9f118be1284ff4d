import Foundation

/// The encodings of an Internet message: header folding and RFC 2047 encoded words,
/// quoted-printable and base64 bodies, RFC 2231 file names, the RFC 5322 date.
enum MIMEText {
    /// Lines of a message stay within RFC 5322's 78 characters (quoted-printable and
    /// base64 lines within RFC 2045's 76).
    static let maxLine = 76

    /// Text with CR, LF and other control characters turned into spaces: a header value
    /// can never start a header of its own (header injection).
    static func headerSafe(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// `Name: value`, folded at spaces when longer than a line.
    static func header(_ name: String, _ value: String) -> String {
        fold("\(name): \(headerSafe(value))")
    }

    /// A header whose value is free text (the subject): as is when it is printable
    /// ASCII, else as UTF-8 base64 encoded words (RFC 2047), each at most 75
    /// characters, on folded lines.
    static func encodedHeader(_ name: String, _ value: String) -> String {
        let safe = headerSafe(value)
        if isPlainASCII(safe) { return fold("\(name): \(safe)") }
        return "\(name): " + encodedWords(safe).joined(separator: "\r\n ")
    }

    /// `From: "Name" <address>, …` with names quoted or encoded.
    static func addressHeader(_ name: String, _ mailboxes: [EmailMailbox]) -> String {
        let rendered = mailboxes.map { mailbox -> String in
            let address = headerSafe(mailbox.address).replacingOccurrences(of: " ", with: "")
            let display = headerSafe(mailbox.name).trimmingCharacters(in: .whitespaces)
            if display.isEmpty { return "<\(address)>" }
            if isPlainASCII(display) {
                let quoted = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return "\"\(quoted)\" <\(address)>"
            }
            return encodedWords(display).joined(separator: " ") + " <\(address)>"
        }
        // One mailbox per line keeps every line short whatever the names.
        return "\(name): " + rendered.joined(separator: ",\r\n ")
    }

    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        // 75 − "=?UTF-8?B?".count − "?=".count = 63 base64 characters = 45 bytes (a multiple of 3).
        let maxBytes = 45
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// Folds a header line at spaces so that each line stays within `maxLine` where a
    /// space allows it (a word longer than a line stays whole, as RFC 5322 permits).
    static func fold(_ line: String) -> String {
        guard line.count > maxLine else { return line }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > maxLine {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// `Mon, 07 Dec 2026 12:41:10 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }

    /// A boundary suffix from the message id: letters and digits only.
    static func boundarySeed(_ messageID: String) -> String {
        let kept = messageID.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
        return String(String.UnicodeScalarView(kept.prefix(32)))
    }

    /// A text part in UTF-8, quoted-printable.
    static func textPart(_ text: String, subtype: String) -> MIMEPart {
        MIMEPart(
            headers: ["Content-Type: text/\(subtype); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
            body: quotedPrintable(text))
    }

    /// An attachment in base64, its file name as RFC 2231 when not plain ASCII.
    static func attachmentPart(_ attachment: EmailAttachment) -> MIMEPart {
        let safeType = headerSafe(attachment.contentType).replacingOccurrences(of: " ", with: "")
        let name = headerSafe(attachment.filename)
        let parameter: String
        if isPlainASCII(name), !name.contains("\""), !name.contains("\\") {
            parameter = "filename=\"\(name)\""
        } else {
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
            parameter = "filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "attachment")
        }
        return MIMEPart(
            headers: ["Content-Type: \(safeType)", "Content-Transfer-Encoding: base64", "Content-Disposition: attachment;", " \(parameter)"],
            body: base64Lines(attachment.data))
    }

    static func base64Lines(_ data: Data) -> [String] {
        let encoded = Array(data.base64EncodedString().utf8)
        return stride(from: 0, to: encoded.count, by: maxLine).map { start in
            String(decoding: encoded[start..<min(start + maxLine, encoded.count)], as: UTF8.self)
        }
    }

    /// Quoted-printable (RFC 2045 §6.7) of `text` as UTF-8: line breaks of any kind
    /// become hard breaks, lines are cut with soft breaks (`=`) to at most 76
    /// characters, and trailing spaces, `=`, control and non-ASCII bytes are encoded.
    static func quotedPrintable(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                if (byte == 0x20 || byte == 0x09) && !isLast {
                    token = String(UnicodeScalar(byte))
                } else if (33...126).contains(byte) && byte != 0x3D {
                    // A line starting with "." is harmless here: sendmail -i does not end on it.
                    token = String(UnicodeScalar(byte))
                } else {
                    token = "=" + hex(byte)
                }
                // Leave room for the soft break's "=".
                if current.count + token.count > maxLine - 1 {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
