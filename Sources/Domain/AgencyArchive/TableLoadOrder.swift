/// The order to load an agency's tables so every foreign key finds its row (issue 16
/// item 5): a table after those it references. A cycle of references (a table naming
/// itself, `invoices.credited_invoice_id`, or two tables naming each other) is broken
/// by loading a nullable foreign key's columns empty and filling them in once every
/// table is loaded — preferably a key no CHECK constraint reads
/// (`change_requests.task_id` must be set once accepted; `tasks.change_request_id` is
/// free).
public struct TableLoadOrder: Sendable, Equatable {
    /// One foreign key: `table.columns` reference `referenced`.
    public struct ForeignKey: Sendable, Equatable {
        public var table: String
        public var columns: [String]
        public var referenced: String
        /// Every column of the key accepts NULL.
        public var nullable: Bool
        /// A CHECK constraint of the table reads one of the columns (it may refuse the
        /// row with the key empty), so the key is cut only when no other will do.
        public var checked: Bool

        public init(table: String, columns: [String], referenced: String, nullable: Bool, checked: Bool = false) {
            self.table = table
            self.columns = columns
            self.referenced = referenced
            self.nullable = nullable
            self.checked = checked
        }
    }

    public struct CycleError: Error, Equatable, CustomStringConvertible {
        public let tables: [String]
        public var description: String { "the tables \(tables.joined(separator: ", ")) reference each other through NOT NULL columns" }
    }

    public let tables: [String]
    /// Table → the foreign-key columns loaded empty and filled in at the end.
    public let deferred: [String: [String]]

    public init(tables: [String], foreignKeys: [ForeignKey]) throws(CycleError) {
        let known = Set(tables)
        var pending = foreignKeys.filter { known.contains($0.table) && known.contains($0.referenced) }
        var deferred: [String: [String]] = [:]
        func postpone(_ key: ForeignKey) { deferred[key.table, default: []] += key.columns.filter { !(deferred[key.table] ?? []).contains($0) } }
        for key in pending where key.table == key.referenced {
            guard key.nullable else { throw CycleError(tables: [key.table]) }
            postpone(key)
        }
        pending.removeAll { $0.table == $0.referenced }
        var remaining = tables.sorted()
        var order: [String] = []
        while !remaining.isEmpty {
            let waiting = Set(pending.filter { remaining.contains($0.referenced) }.map(\.table))
            let ready = remaining.filter { !waiting.contains($0) }
            if ready.isEmpty {
                let candidates = pending.filter { remaining.contains($0.table) && remaining.contains($0.referenced) && $0.nullable }
                guard let cut = candidates.min(by: { ($0.checked ? 1 : 0, $0.table, $0.referenced) < ($1.checked ? 1 : 0, $1.table, $1.referenced) })
                else {
                    throw CycleError(tables: remaining)
                }
                postpone(cut)
                pending.removeAll { $0 == cut }
                continue
            }
            order += ready
            remaining.removeAll { ready.contains($0) }
        }
        self.tables = order
        self.deferred = deferred
    }
}
