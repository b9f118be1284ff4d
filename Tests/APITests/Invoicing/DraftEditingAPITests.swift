import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Drafts (issue 12 items 4 and 5): what the admin may change, what removing a line
/// gives back, the client's VAT treatment, and the deposit chain.
@Suite struct DraftEditingAPITests {
    func withWorld(_ body: @Sendable (InvoicingWorld, InvoicingCalls) async throws -> Void) async throws {
        try await InvoicingWorld.with(body)
    }

    @Test func theAdminEditsADraftAndRemovedLinesGiveTheirWorkBack() async throws {
        try await withWorld { world, run in
            let entries = try await world.entries(3)
            var draft = try await run.expect(
                .created, .post, "/api/v1/invoices", as: world.admin,
                #"{"client_id":"\#(world.people.clientID)","time_grouping":"entry","notes":"November","buyer_reference":"PO-77"}"#)
            #expect(draft.objects("lines").count == 3)
            #expect(draft["buyer_reference"] as? String == "PO-77" && draft["notes"] as? String == "November")
            let lines = draft.objects("lines").compactMap { $0["id"] as? String }
            // Rename a line, remove one, add a manual line at 6 %, set the due date.
            draft = try await run.expect(
                .ok, .patch, "/api/v1/invoices/\(draft["id"] as? String ?? "")", as: world.admin,
                #"""
                {"lines":[{"id":"\#(lines[0])","description":"Build sprint 1"}],"remove_line_ids":["\#(lines[2])"],
                 "add_lines":[{"description":"Printed manual","quantity":"2","unit_price":"12.5","vat":{"category":"S","rate_bp":600}}],
                 "due_date":"2027-01-15","period":{"from":"2026-11-01","to":"2026-11-30"}}
                """#, ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
            let after = draft.objects("lines")
            #expect(after.count == 3)
            #expect(after.contains { $0["description"] as? String == "Build sprint 1" })
            let manual = try #require(after.first { $0["kind"] as? String == "manual" })
            #expect(manual.minor("net") == 2500 && (manual["vat"] as? [String: Any])?["rate_bp"] as? Int == 600)
            #expect(draft["due_date"] as? String == "2027-01-15")
            // 2 × 95.00 at 21 % + 25.00 at 6 %: VAT 39.90 + 1.50.
            #expect((draft["totals"] as? [String: Any])?.minor("tax_total") == 4140)
            // The removed line's entry is billable again; the others are not.
            let billable = try await run.expect(.ok, .get, "/api/v1/billable?kind=time", as: world.admin)
            #expect(billable.objects("items").compactMap { $0["id"] as? String } == [entries[2].description])
            // A time line's price is not the admin's to change; a stale version is refused.
            let id = try #require(draft["id"] as? String)
            let version = try #require(draft["version"] as? Int)
            try await run.expect(
                .unprocessableContent, .patch, "/api/v1/invoices/\(id)", as: world.admin,
                #"{"lines":[{"id":"\#(lines[0])","unit_price":"1"}]}"#, ifMatch: "\"\(version)\"")
            try await run.expect(.preconditionFailed, .patch, "/api/v1/invoices/\(id)", as: world.admin, #"{"notes":"x"}"#, ifMatch: "\"\(version - 1)\"")
            // Deleting the draft gives everything back.
            try await run.expect(.noContent, .delete, "/api/v1/invoices/\(id)", as: world.admin, ifMatch: "\"\(version)\"")
            let all = try await run.expect(.ok, .get, "/api/v1/billable?kind=time", as: world.admin)
            #expect(all.objects("items").count == 3)
        }
    }

    @Test func aRetriedCreateOrPaymentWithTheSameIdempotencyKeyHappensOnce() async throws {
        try await withWorld { world, run in
            try await world.entries(2)
            func post(_ uri: String, _ json: String, key: String) async throws -> TestResponse {
                try await run.client.execute(
                    uri: uri, method: .post,
                    headers: [.authorization: "Bearer \(world.admin)", .contentType: "application/json", HTTPField.Name("Idempotency-Key")!: key],
                    body: ByteBuffer(string: json))
            }
            let body = #"{"client_id":"\#(world.people.clientID)"}"#
            let first = try await post("/api/v1/invoices", body, key: "draft-1")
            let retry = try await post("/api/v1/invoices", body, key: "draft-1")
            #expect(first.status == .created && retry.status == .created)
            #expect(try first.json()["id"] as? String == retry.json()["id"] as? String)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let issued = try await run.issue(try first.json(), as: world.admin)
            let id = try #require(issued["id"] as? String)
            let payment = #"{"paid_on":"2026-12-01","amount":{"amount_minor":1000},"method":"card"}"#
            _ = try await post("/api/v1/invoices/\(id)/payments", payment, key: "pay-1")
            _ = try await post("/api/v1/invoices/\(id)/payments", payment, key: "pay-1")
            let counts = try await world.pool.queryOne(
                "SELECT (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments")
            #expect(try counts.decode("invoices", as: Int64.self) == 1 && counts.decode("payments", as: Int64.self) == 1)
        }
    }

    @Test func aReverseChargeClientsLinesAreAEWithTheMention() async throws {
        try await withWorld { world, run in
            try await world.pool.execute(
                """
                UPDATE clients SET vat_treatment = 'reverse_charge', country = 'NL', vat_number = 'NL123456789B01', company_number = NULL,
                       endpoint_scheme = '9944', endpoint_id = 'NL123456789B01'
                WHERE id = \(world.people.clientID)
                """)
            try await world.entries(2, minutes: 90)
            let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            let vat = try #require(draft.objects("lines").first?["vat"] as? [String: Any])
            #expect(vat["category"] as? String == "AE" && vat["rate_bp"] as? Int == 0 && vat["exemption_code"] as? String == "VATEX-EU-AE")
            let totals = try #require(draft["totals"] as? [String: Any])
            #expect(totals.minor("tax_total") == 0 && totals.minor("payable") == 28_500)
            let issued = try await run.issue(draft, as: world.admin)
            #expect(issued["status"] as? String == "issued")
        }
    }

    @Test func removingWorkFromADraftLowersItsDepositDeduction() async throws {
        try await withWorld { world, run in
            _ = try await run.issue(
                try await run.expect(
                    .created, .post, "/api/v1/invoices", as: world.admin, #"{"kind":"deposit","project_id":"\#(world.project)","amount":{"amount_minor":200000}}"#),
                as: world.admin)
            try await world.entries(30)
            var draft = try await run.expect(
                .created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)","time_grouping":"entry"}"#)
            func deduction(_ invoice: [String: Any]) -> Int? { invoice.objects("lines").first { $0["kind"] as? String == "deposit_deduction" }?.minor("net") }
            #expect(deduction(draft) == -200_000)
            let work = draft.objects("lines").filter { $0["kind"] as? String == "time" }.compactMap { $0["id"] as? String }
            // 20 of 30 hours removed: 950.00 left, so 950.00 deducted.
            let some = work.prefix(20).map { "\"\($0)\"" }.joined(separator: ",")
            draft = try await run.expect(
                .ok, .patch, "/api/v1/invoices/\(draft["id"] as? String ?? "")", as: world.admin, #"{"remove_line_ids":[\#(some)]}"#,
                ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
            #expect(deduction(draft) == -95_000)
            #expect((draft["totals"] as? [String: Any])?.minor("tax_exclusive") == 0)
            // All work removed: the deduction goes too.
            let rest = work.dropFirst(20).map { "\"\($0)\"" }.joined(separator: ",")
            draft = try await run.expect(
                .ok, .patch, "/api/v1/invoices/\(draft["id"] as? String ?? "")", as: world.admin, #"{"remove_line_ids":[\#(rest)]}"#,
                ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
            #expect(draft.objects("lines").isEmpty)
        }
    }

    @Test func depositsAreDeductedOnceAndNeverBeyondWhatWasDeposited() async throws {
        try await withWorld { world, run in
            // A 40 % deposit of the 5 000.00 contract: 2 000.00.
            let deposit = try await run.issue(
                try await run.expect(
                    .created, .post, "/api/v1/invoices", as: world.admin, #"{"kind":"deposit","project_id":"\#(world.project)","percentage":"40"}"#),
                as: world.admin)
            #expect((deposit["totals"] as? [String: Any])?.minor("tax_exclusive") == 200_000)
            // 10 h of work (950.00) deducts 950.00 only; the next 20 h (1 900.00) the remaining 1 050.00.
            try await world.entries(10)
            let first = try await run.issue(
                try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#),
                as: world.admin)
            #expect(first.objects("lines").first { $0["kind"] as? String == "deposit_deduction" }?.minor("net") == -95_000)
            #expect((first["totals"] as? [String: Any])?.minor("payable") == 0)
            let ids = try await world.entries(20)
            _ = ids
            let second = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            #expect(second.objects("lines").first { $0["kind"] as? String == "deposit_deduction" }?.minor("net") == -105_000)
            _ = try await run.issue(second, as: world.admin)
            // Nothing is left to deduct.
            try await world.entries(1)
            let third = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            #expect(!third.objects("lines").contains { $0["kind"] as? String == "deposit_deduction" })
            let deducted = try await world.pool.queryOne(
                "SELECT -sum(net_minor) AS total FROM invoice_lines WHERE kind = 'deposit_deduction'").decode("total", as: Int64.self)
            #expect(deducted == 200_000)
        }
    }
}
