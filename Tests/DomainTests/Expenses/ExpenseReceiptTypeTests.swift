import Domain
import Foundation
import Testing

@Suite("ReceiptType")
struct ExpenseReceiptTypeTests {
    /// An ISO BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands.
    static func ftyp(major: String, compatible: [String] = []) -> [UInt8] {
        let size = 16 + 4 * compatible.count
        var bytes: [UInt8] = [0, 0, UInt8(size >> 8), UInt8(size & 0xFF)]
        bytes += Array("ftyp".utf8) + Array(major.utf8) + [0, 0, 0, 0]
        for brand in compatible { bytes += Array(brand.utf8) }
        return bytes + [0, 0, 0, 8] + Array("meta".utf8)
    }

    @Test func pdfPngAndJpegAreRecognisedByTheirMagicNumbers() {
        #expect(ReceiptType.sniff(Array("%PDF-1.7\n%âãÏÓ\n".utf8)) == .pdf)
        #expect(ReceiptType.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) == .png)
        #expect(ReceiptType.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) == .jpeg)
        #expect(ReceiptType.sniff([0xFF, 0xD8, 0xFF, 0xDB]) == .jpeg)
    }

    @Test(arguments: ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"])
    func heifMajorBrandsAreHEIC(brand: String) {
        #expect(ReceiptType.sniff(Self.ftyp(major: brand)) == .heic)
    }

    /// Issue 11 item 11: a bare PNG signature, or `%PDF-` followed by HTML, was stored.
    @Test func aFileMustParseAsWhatItsFirstBytesClaim() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]
        #expect(ReceiptType.png.isWellFormed(png))
        #expect(!ReceiptType.png.isWellFormed(Array(png.prefix(8))))
        #expect(!ReceiptType.png.isWellFormed(Array(png.prefix(8)) + Array("<html><body>hi</body></html>".utf8)))
        #expect(!ReceiptType.png.isWellFormed(Array(png.prefix(16)) + [0, 0, 0, 0, 0, 0, 0, 3]), "zero width")
        #expect(ReceiptType.pdf.isWellFormed(Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)))
        #expect(!ReceiptType.pdf.isWellFormed(Array("%PDF-<html><script>alert(1)</script></html>".utf8)))
        #expect(ReceiptType.jpeg.isWellFormed([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0, 0, 0xFF, 0xD9]))
        #expect(!ReceiptType.jpeg.isWellFormed([0xFF, 0xD8, 0xFF, 0xE0] + Array("<html>".utf8)))
        #expect(ReceiptType.heic.isWellFormed(Self.ftyp(major: "heic")))
        #expect(!ReceiptType.heic.isWellFormed(Array(Self.ftyp(major: "heic").prefix(16))), "an ftyp box and nothing else")
    }

    @Test func aHEIFCompatibleBrandIsEnough() {
        #expect(ReceiptType.sniff(Self.ftyp(major: "isom", compatible: ["mp41", "mif1"])) == .heic)
    }

    @Test func otherISOBMFFFilesAreRefused() {
        #expect(ReceiptType.sniff(Self.ftyp(major: "isom", compatible: ["mp41", "avc1"])) == nil)  // an MP4 video
        #expect(ReceiptType.sniff(Self.ftyp(major: "avif", compatible: ["avif", "miaf"])) == nil)
    }

    @Test func compatibleBrandsPastTheBoxAreIgnored() {
        // A box declaring 16 bytes (no compatible brands) followed by bytes that spell "heic".
        var bytes: [UInt8] = [0, 0, 0, 16] + Array("ftypisom".utf8) + [0, 0, 0, 0]
        bytes += Array("heic".utf8)
        #expect(ReceiptType.sniff(bytes) == nil)
    }

    @Test func truncatedOrWrongPrefixesAreRefused() {
        let refused: [[UInt8]] = [
            [], Array("%PDF".utf8), Array("hello, this is text".utf8), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8],
            Array(" %PDF-1.4".utf8), [0, 0, 0, 24] + Array("ftyp".utf8), Array("GIF89a".utf8),
            [0, 0, 0, 8] + Array("ftypheic".utf8),  // a box too short to hold its brand
        ]
        for bytes in refused { #expect(ReceiptType.sniff(bytes) == nil, "\(bytes)") }
    }

    @Test func theMediaTypesAreTheServedOnes() {
        #expect(ReceiptType.allCases.map(\.rawValue) == ["application/pdf", "image/png", "image/jpeg", "image/heic"])
    }

    @Test(
        arguments: [
            ("invoice.pdf", "invoice.pdf"),
            ("../../etc/passwd", "passwd"),
            (#"C:\Users\mia\Taxi "receipt".pdf"#, "Taxi receipt.pdf"),
            ("a\u{0}b\r\nc.png", "abc.png"),
            ("  .hidden.jpg  ", "hidden.jpg"),
            ("reçu d'hôtel.pdf", "reçu d'hôtel.pdf"),
            ("x;y=z.pdf", "xy=z.pdf"),
            ("...", "receipt.pdf"),
            ("", "receipt.pdf"),
            ("dir/", "dir"),
        ])
    func fileNamesAreSanitized(raw: String, expected: String) {
        #expect(ExpenseReceipt.sanitizedFileName(raw, type: .pdf) == expected)
    }

    @Test func aMissingNameFallsBackToTheSniffedType() {
        #expect(ExpenseReceipt.sanitizedFileName(nil, type: .heic) == "receipt.heic")
        #expect(ExpenseReceipt.sanitizedFileName(nil, type: .jpeg) == "receipt.jpg")
    }

    @Test func longNamesKeepTheirExtension() {
        let name = ExpenseReceipt.sanitizedFileName(String(repeating: "a", count: 400) + ".pdf", type: .pdf)
        #expect(name.count == ExpenseReceipt.maximumFileNameLength)
        #expect(name.hasSuffix(".pdf"))
    }
}
