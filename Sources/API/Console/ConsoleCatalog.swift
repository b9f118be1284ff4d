import Foundation

/// The console's words, one catalog per language (`Resources/console-<lang>.json`,
/// compiled into the binary): a flat object of key → text. Templates read them as
/// `{{t.key}}`; a key missing from a language falls back to English, and
/// `ConsoleCatalogTests` keeps the four catalogs holding the same keys.
enum ConsoleCatalog {
    static let catalogs: [ClientLanguage: [String: String]] = {
        var catalogs: [ClientLanguage: [String: String]] = [:]
        for language in ClientLanguage.allCases {
            let name = "console-\(language.rawValue).json"
            guard let file = embeddedResourceFiles.first(where: { $0.name == name }),
                let words = try? JSONDecoder().decode([String: String].self, from: Data(file.text.utf8))
            else { continue }
            catalogs[language] = words
        }
        return catalogs
    }()

    /// The words of `language`, English where it lacks one.
    static func words(_ language: ClientLanguage) -> [String: String] {
        let english = catalogs[.en] ?? [:]
        guard language != .en, let own = catalogs[language] else { return english }
        return english.merging(own) { _, translated in translated }
    }

    /// One text of `language`; the key itself when no catalog has it (a bug the catalog test catches).
    static func text(_ key: String, _ language: ClientLanguage) -> String {
        catalogs[language]?[key] ?? catalogs[.en]?[key] ?? key
    }

    /// `text` with `{0}`, `{1}`… replaced by `arguments`.
    static func format(_ key: String, _ language: ClientLanguage, _ arguments: String...) -> String {
        var result = text(key, language)
        for (index, argument) in arguments.enumerated() { result = result.replacingOccurrences(of: "{\(index)}", with: argument) }
        return result
    }
}
