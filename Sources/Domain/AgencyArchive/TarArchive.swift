public import Foundation

/// The POSIX ustar format the agency archive is written in (issue 16 item 5): each file
/// is a 512-byte header and its bytes padded to 512, and two zero blocks end the
/// archive. Chosen over zip because it streams: an entry goes out as soon as its bytes
/// are known, with no central directory to write at the end and no seekable output,
/// and every system reads it (`tar -xf`).
public enum TarArchive {
    public static let blockSize = 512

    /// What a reader found wrong with an archive.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The header, bytes and padding of one regular file. Names are at most 100 bytes
    /// of ASCII (the archive's are `data/<table>/00001.jsonl` and `files/<table>/<id>.<ext>`).
    public static func entry(name: String, contents: Data, modified: Date) throws(FormatError) -> Data {
        var out = try header(name: name, size: contents.count, modified: modified)
        out.append(contents)
        out.append(Data(count: padding(contents.count)))
        return out
    }

    /// The two zero blocks that end an archive.
    public static var end: Data { Data(count: blockSize * 2) }

    static func padding(_ size: Int) -> Int { (blockSize - size % blockSize) % blockSize }

    static func header(name: String, size: Int, modified: Date) throws(FormatError) -> Data {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 100, name.allSatisfy(\.isASCII) else {
            throw FormatError(message: "the entry name \(name) does not fit a tar header")
        }
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: [UInt8], at offset: Int) { for (index, byte) in bytes.enumerated() { block[offset + index] = byte } }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            Array(String(String(value, radix: 8).suffix(width - 1)).leftPadded(to: width - 1).utf8) + [0]
        }
        put(nameBytes, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(max(0, Int(modified.timeIntervalSince1970)), width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(Array(String(String(checksum, radix: 8)).leftPadded(to: 6).utf8) + [0, UInt8(ascii: " ")], at: 148)
        return Data(block)
    }

    /// Every regular file of an archive, by name, in the order written. Refuses what is
    /// not a ustar archive, a header whose checksum is wrong, a truncated entry or a
    /// name given twice.
    public static func entries(of archive: Data) throws(FormatError) -> [(name: String, contents: Data)] {
        let bytes = [UInt8](archive)
        var offset = 0
        var found: [(name: String, contents: Data)] = []
        var names = Set<String>()
        while offset + blockSize <= bytes.count {
            let block = bytes[offset..<offset + blockSize]
            if block.allSatisfy({ $0 == 0 }) { return found }
            guard Array(bytes[offset + 257..<offset + 262]) == Array("ustar".utf8) else {
                throw FormatError(message: "not a tar (ustar) archive at byte \(offset)")
            }
            let stored = number(bytes[offset + 148..<offset + 156])
            let sum = block.enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 32 : Int($1.element)) }
            guard let stored, stored == sum else { throw FormatError(message: "the tar header at byte \(offset) has a wrong checksum") }
            let nameEnd = bytes[offset..<offset + 100].firstIndex(of: 0) ?? offset + 100
            let name = String(decoding: bytes[offset..<nameEnd], as: UTF8.self)
            guard let size = number(bytes[offset + 124..<offset + 136]) else {
                throw FormatError(message: "the tar entry \(name) has an unreadable size")
            }
            let start = offset + blockSize
            guard start + size <= bytes.count else { throw FormatError(message: "the tar entry \(name) is cut short") }
            let type = bytes[offset + 156]
            if type == UInt8(ascii: "0") || type == 0 {
                guard names.insert(name).inserted else { throw FormatError(message: "the archive holds \(name) twice") }
                found.append((name, Data(bytes[start..<start + size])))
            }
            offset = start + size + padding(size)
        }
        throw FormatError(message: "the archive ends without its end-of-archive blocks (cut short?)")
    }

    private static func number(_ field: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: field.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : Int(text, radix: 8)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
