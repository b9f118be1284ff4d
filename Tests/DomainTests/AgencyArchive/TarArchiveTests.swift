import Domain
import Foundation
import Testing

@Suite struct TarArchiveTests {
    static let when = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func entriesWrittenReadBackInOrderWithTheirBytes() throws {
        let big = Data((0..<1500).map { UInt8($0 % 251) })
        var archive = try TarArchive.entry(name: "data/users/00001.jsonl", contents: Data("{\"id\":1}\n".utf8), modified: Self.when)
        archive += try TarArchive.entry(name: "files/expense_receipts/a-data.pdf", contents: big, modified: Self.when)
        archive += try TarArchive.entry(name: "empty", contents: Data(), modified: Self.when)
        archive += TarArchive.end
        #expect(archive.count % 512 == 0)
        let entries = try TarArchive.entries(of: archive)
        #expect(entries.map(\.name) == ["data/users/00001.jsonl", "files/expense_receipts/a-data.pdf", "empty"])
        #expect(entries[1].contents == big)
        #expect(entries[2].contents.isEmpty)
    }

    @Test func aDamagedHeaderACutArchiveAndAStrangerAreRefused() throws {
        var archive = try TarArchive.entry(name: "manifest.json", contents: Data("{}".utf8), modified: Self.when) + TarArchive.end
        #expect(throws: TarArchive.FormatError.self) { try TarArchive.entries(of: archive.prefix(700)) }
        archive[3] = UInt8(ascii: "X")
        #expect(throws: TarArchive.FormatError.self) { try TarArchive.entries(of: archive) }
        #expect(throws: TarArchive.FormatError.self) { try TarArchive.entries(of: Data(repeating: 0x41, count: 1024)) }
    }

    @Test func aNameTooLongForTheHeaderIsRefusedWhenWriting() {
        #expect(throws: TarArchive.FormatError.self) {
            try TarArchive.entry(name: String(repeating: "a", count: 101), contents: Data(), modified: Self.when)
        }
    }
}
