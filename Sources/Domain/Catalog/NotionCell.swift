import Foundation

/// Notion's database CSV export writes a relation as the related pages' titles, each
/// followed by its link: `Acme Corp (https://www.notion.so/Acme-Corp-4f1c…)`, several
/// separated by `, `. These are the titles.
public enum NotionCell {
    /// The page titles of a relation cell, or the cell itself (trimmed) when it holds no
    /// Notion link: `"Acme (https://www.notion.so/x), Beta (https://www.notion.so/y)"`
    /// → `["Acme", "Beta"]`.
    public static func titles(_ cell: String) -> [String] {
        let marker = " (https://www.notion.so/"
        guard cell.contains(marker) else {
            let trimmed = CatalogText.trimmed(cell)
            return trimmed.isEmpty ? [] : [trimmed]
        }
        var titles: [String] = []
        var rest = Substring(cell)
        while let range = rest.range(of: marker) {
            titles.append(CatalogText.trimmed(String(rest[..<range.lowerBound])).droppingPrefix(", "))
            guard let close = rest[range.upperBound...].firstIndex(of: ")") else { break }
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(",") { rest = rest.dropFirst() }
        }
        return titles.map(CatalogText.trimmed).filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate func droppingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
