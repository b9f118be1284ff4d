/// The kinds of receipt file Sheaf keeps, recognised by their first bytes (issue 5:
/// "type checked by content, not by name"). The raw value is the media type served
/// on download.
public enum ReceiptType: String, Hashable, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case heic = "image/heic"

    /// The usual file name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .png: "png"
        case .jpeg: "jpg"
        case .heic: "heic"
        }
    }

    /// The brands of an ISO BMFF `ftyp` box that mark HEIF/HEIC images.
    static let heifBrands: Set<String> = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]

    /// The type the bytes are, by magic number; nil when none of the accepted ones.
    ///
    /// PDF starts with `%PDF-`; PNG with its 8-byte signature; JPEG with `FF D8 FF`;
    /// HEIC is an ISO BMFF file whose first box is `ftyp` (at offset 4) with a HEIF
    /// brand as major brand or among the compatible brands.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ReceiptType? {
        let head = Array(bytes.prefix(4096))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if isHEIF(head) { return .heic }
        return nil
    }

    /// `[size:4][ftyp][major brand:4][minor version:4][compatible brands:4×n]`.
    private static func isHEIF(_ head: [UInt8]) -> Bool {
        guard head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) else { return false }
        let declared = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        // A box at least as long as its header and the major brand, not past what we read.
        guard declared >= 12 else { return false }
        let end = min(declared, head.count)
        var brands = [Array(head[8..<12])]
        var offset = 16
        while offset + 4 <= end {
            brands.append(Array(head[offset..<offset + 4]))
            offset += 4
        }
        return brands.contains { brand in
            heifBrands.contains(String(decoding: brand, as: UTF8.self))
        }
    }
}
