import Foundation

/// The columns of an import file, found by name: case-insensitive, trimmed.
struct ImportColumns {
    private let indexByName: [String: Int]

    /// Indexes a header row; when a name repeats, its first column wins.
    init(header: [String]) {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let key = Self.key(name)
            if !key.isEmpty, index[key] == nil { index[key] = position }
        }
        indexByName = index
    }

    /// The position of the column called `name`, if the file has it.
    func index(of name: String) -> Int? {
        indexByName[Self.key(name)]
    }

    /// Each requirement (a list of alternative column names) that no column of the
    /// file satisfies, worded for a message: `'Date'`, `'Email' (or 'User')`.
    func missing(_ requirements: [[String]]) -> [String] {
        requirements.compactMap { alternatives in
            guard !alternatives.contains(where: { index(of: $0) != nil }), let first = alternatives.first else { return nil }
            let others = alternatives.dropFirst().map { "'\($0)'" }
            return others.isEmpty ? "'\(first)'" : "'\(first)' (or \(others.joined(separator: " or ")))"
        }
    }

    private static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
