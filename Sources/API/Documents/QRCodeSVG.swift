import CQREncode
import Foundation

/// A QR code drawn as inline SVG (issue 13 item 2): libqrencode computes the module
/// matrix, this type only turns it into one `<path>` (the template draws the `<svg>`). Inline SVG needs no image
/// request, so the documents' CSP (`default-src 'none'`) stays strict.
struct QRCodeSVG {
    /// The modules, row by row; true is dark.
    let modules: [[Bool]]
    let version: Int

    /// `text` in byte mode at error correction level M; nil when libqrencode refuses it.
    init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        version = Int(code.pointee.version)
        var rows: [[Bool]] = []
        rows.reserveCapacity(width)
        for y in 0..<width {
            // Bit 0 of each byte is the module's colour; the other bits describe its role.
            rows.append((0..<width).map { x in code.pointee.data[y * width + x] & 1 == 1 })
        }
        modules = rows
    }

    /// The quiet zone the standard asks for around the symbol, in modules.
    static let quietZone = 4

    /// The side of the drawing in modules, quiet zone included (the SVG `viewBox`).
    var side: Int { modules.count + 2 * Self.quietZone }

    /// The dark modules as one SVG path, each horizontal run one rectangle. Only
    /// `M`, `h`, `v`, `z`, digits and spaces: the template can escape it like any text.
    var path: String {
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                var end = x
                while end < row.count, row[end] { end += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return path
    }
}
