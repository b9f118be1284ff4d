import Domain
import Testing

@Suite struct TableLoadOrderTests {
    typealias Key = TableLoadOrder.ForeignKey

    @Test func aTableLoadsAfterTheTablesItReferences() throws {
        let order = try TableLoadOrder(
            tables: ["time_entries", "users", "projects", "clients"],
            foreignKeys: [
                Key(table: "time_entries", columns: ["user_id"], referenced: "users", nullable: false),
                Key(table: "time_entries", columns: ["project_id"], referenced: "projects", nullable: false),
                Key(table: "projects", columns: ["client_id"], referenced: "clients", nullable: false),
                Key(table: "jobs", columns: ["user_id"], referenced: "users", nullable: false),
            ])
        #expect(order.tables == ["clients", "users", "projects", "time_entries"])
        #expect(order.deferred.isEmpty)
    }

    @Test func aSelfReferenceIsFilledInAfterTheLoad() throws {
        let order = try TableLoadOrder(
            tables: ["invoices"], foreignKeys: [Key(table: "invoices", columns: ["credited_invoice_id"], referenced: "invoices", nullable: true)])
        #expect(order.tables == ["invoices"])
        #expect(order.deferred == ["invoices": ["credited_invoice_id"]])
    }

    @Test func aCycleIsBrokenAtANullableKey() throws {
        let order = try TableLoadOrder(
            tables: ["users", "clients", "tasks", "change_requests"],
            foreignKeys: [
                Key(table: "users", columns: ["client_id"], referenced: "clients", nullable: true),
                Key(table: "clients", columns: ["created_by"], referenced: "users", nullable: false),
                Key(table: "tasks", columns: ["change_request_id"], referenced: "change_requests", nullable: true),
                Key(table: "change_requests", columns: ["task_id"], referenced: "tasks", nullable: false),
            ])
        #expect(order.deferred == ["users": ["client_id"], "tasks": ["change_request_id"]])
        #expect(order.tables.firstIndex(of: "users")! < order.tables.firstIndex(of: "clients")!)
        #expect(order.tables.firstIndex(of: "tasks")! < order.tables.firstIndex(of: "change_requests")!)
    }

    @Test func aKeyACheckReadsIsCutOnlyWhenNoOtherWillDo() throws {
        let order = try TableLoadOrder(
            tables: ["tasks", "change_requests"],
            foreignKeys: [
                Key(table: "change_requests", columns: ["task_id"], referenced: "tasks", nullable: true, checked: true),
                Key(table: "tasks", columns: ["change_request_id"], referenced: "change_requests", nullable: true),
            ])
        #expect(order.deferred == ["tasks": ["change_request_id"]])
        #expect(order.tables == ["tasks", "change_requests"])
    }

    @Test func aCycleOfRequiredKeysCannotLoad() {
        #expect(throws: TableLoadOrder.CycleError.self) {
            try TableLoadOrder(
                tables: ["a", "b"],
                foreignKeys: [
                    Key(table: "a", columns: ["b_id"], referenced: "b", nullable: false),
                    Key(table: "b", columns: ["a_id"], referenced: "a", nullable: false),
                ])
        }
    }
}
