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

    /// Whether `bytes` (sniffed as `self`) parse as what their first bytes claim, as far
    /// as a receipt needs: a PNG signature followed by HTML, or `%PDF-` followed by a web
    /// page, is not a receipt. PNG: an `IHDR` chunk right after the signature with a
    /// width and height above 0. JPEG: ends with the end-of-image marker `FF D9`. PDF:
    /// ends with its trailer's `%%EOF` (within the last 1 KiB before trailing
    /// whitespace, where readers look for it).
    /// HEIC: the `ftyp` box fits in the file and is followed by another box.
    public func isWellFormed(_ bytes: some Collection<UInt8>) -> Bool {
        let all = Array(bytes)
        switch self {
        case .png:
            guard all.count >= 24, all[8..<12] == [0, 0, 0, 13], Array(all[12..<16]) == Array("IHDR".utf8) else { return false }
            let width = all[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = all[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return width > 0 && height > 0
        case .jpeg:
            var end = all.count
            while end > 0, all[end - 1] == 0 || all[end - 1] == 0x0A || all[end - 1] == 0x0D { end -= 1 }
            return end >= 4 && all[end - 2] == 0xFF && all[end - 1] == 0xD9
        case .pdf:
            var end = all.count
            while end > 0, [0x00, 0x09, 0x0A, 0x0D, 0x20].contains(all[end - 1]) { end -= 1 }
            let tail = all[..<end].suffix(1024)
            let marker = Array("%%EOF".utf8)
            return tail.count >= marker.count && (0...(tail.count - marker.count)).contains { Array(tail.dropFirst($0).prefix(marker.count)) == marker }
        case .heic:
            guard all.count >= 16 else { return false }
            let declared = Int(all[0]) << 24 | Int(all[1]) << 16 | Int(all[2]) << 8 | Int(all[3])
            return declared >= 16 && declared + 8 <= all.count
        }
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
