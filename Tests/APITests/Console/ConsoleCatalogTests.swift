import Foundation
import Testing

/// The console's four catalogs (`Resources/console-<lang>.json`) hold the same keys, no
/// empty text, and every `{{t.key}}` of the console's templates.
@Suite struct ConsoleCatalogTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Sources/API/Resources")

    static func catalog(_ language: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appending(path: "console-\(language).json")))
    }

    @Test(arguments: ["fr", "nl", "de"])
    func everyLanguageHasTheEnglishKeys(_ language: String) throws {
        let english = try Self.catalog("en")
        let other = try Self.catalog(language)
        #expect(Set(english.keys).subtracting(other.keys).sorted() == [], "missing in \(language)")
        #expect(Set(other.keys).subtracting(english.keys).sorted() == [], "unknown in \(language)")
        #expect(other.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.keys.sorted() == [])
        // The placeholders of a text are the same in every language.
        for (key, text) in english {
            let placeholders = { (text: String) in Set(text.matches(of: /\{\d\}/).map { String($0.output) }) }
            #expect(placeholders(text) == placeholders(other[key] ?? ""), "\(key) in \(language)")
        }
    }

    @Test func everyKeyOfTheTemplatesIsInTheCatalog() throws {
        let english = try Self.catalog("en")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).filter {
            ($0.hasPrefix("console-") || $0.hasPrefix("portal-")) && $0.hasSuffix(".mustache")
        }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: Self.resources.appending(path: file), encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z0-9_]+)\}\}/) {
                #expect(english[String(match.output.1)] != nil, "\(file): t.\(match.output.1)")
            }
            #expect(!text.contains("{{{"), "\(file): templates always escape")
            // No inline script: only the timer's clock, a file served from the binary.
            for match in text.matches(of: /<script[^>]*>/) {
                #expect(match.output == #"<script src="/app/assets/console-timer.js" defer>"#, "\(file): \(match.output)")
            }
            #expect(!text.contains("<script>"), "\(file): the console needs no inline script")
            #expect(!text.contains("style=\""), "\(file): inline styles are refused by the policy")
        }
    }
}
