/// The language a client's documents (invoices, credit notes, reminders) are written in.
public enum DocumentLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case en, fr, nl, de
}
