import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Testing

@Suite("Late-payment charges over HTTP")
struct LateChargesAPITests {
    @Test func fortyFiveDaysLateIsInterestAtTheHalfYearRatePlusFortyEurosOnANewInvoice() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            // 9 572.63 + 21 % VAT (2 010.25) = 11 582.88 due on 2026-11-05.
            let overdue = try await world.issuedInvoice(netMinor: 957_263, issued: "2026-11-05", due: "2026-11-05")
            let id = try #require(overdue["id"] as? String)
            #expect(overdue.minor("balance") == 1_158_288)
            let created = try await run.expect(.created, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of":"2026-12-20"}"#)
            // Hand-computed: 11 582.88 × 10.50 % × 45 / 365 = 149.9427… → 149.94 (half-up), plus 40.00.
            let lines = created.objects("lines")
            #expect(lines.count == 2)
            #expect(lines.first.map { $0.minor("net") } == 14_994)
            #expect(lines.last.map { $0.minor("net") } == 4_000)
            let arithmetic = try #require(lines.first?["description"] as? String)
            #expect(arithmetic.contains("11582.88 EUR × 10.50 % × 45 days ÷ 365 (2026-11-06 to 2026-12-20) = 149.94 EUR"))
            #expect((lines.last?["description"] as? String)?.contains("40.00 EUR") == true)
            #expect(lines.allSatisfy { ($0["vat"] as? [String: Any])?["category"] as? String == "O" })
            #expect((created["totals"] as? [String: Any]).flatMap { $0.minor("payable") } == 18_994)
            #expect(created["status"] as? String == "issued")
            #expect(created["number"] as? String != overdue["number"] as? String)
            // The overdue invoice did not change.
            let after = try await run.expect(.ok, .get, "/api/v1/invoices/\(id)", as: world.admin)
            #expect(after["version"] as? Int == overdue["version"] as? Int)
            #expect((after["totals"] as? [String: Any]).flatMap { $0.minor("payable") } == 1_158_288)
            #expect(try await world.count("audit_events", where: "action = 'invoice.late_charges_issued'") == 1)
        }
    }

    @Test func billingAgainChargesOnlyTheNewDaysAndNoSecondCompensation() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let overdue = try await world.issuedInvoice(netMinor: 957_263, issued: "2026-11-05", due: "2026-11-05")
            let id = try #require(overdue["id"] as? String)
            try await run.expect(.created, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of":"2026-12-10"}"#)
            let second = try await run.expect(.created, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin)
            // 2026-12-11 to 2026-12-20: 10 days; 11 582.88 × 10.50 % × 10 / 365 = 33.32
            let lines = second.objects("lines")
            #expect(lines.count == 1)
            #expect(lines.first.map { $0.minor("net") } == 3_332)
            // Nothing left for today.
            try await run.expect(.conflict, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin)
        }
    }

    @Test func aPaymentLowersTheBalanceThatBearsInterest() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let overdue = try await world.issuedInvoice(netMinor: 957_263, issued: "2026-11-05", due: "2026-11-05")
            let id = try #require(overdue["id"] as? String)
            try await run.expect(
                .created, .post, "/api/v1/invoices/\(id)/payments", as: world.admin,
                #"{"amount":{"amount_minor":582288},"paid_on":"2026-11-25","method":"transfer"}"#)
            let created = try await run.expect(.created, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of":"2026-12-20"}"#)
            // 19 days on 11 582.88 (63.31) then 26 days on 5 760.00 (43.08).
            #expect(created.objects("lines").map { $0.minor("net") } == [6_331, 4_308, 4_000])
        }
    }

    @Test func refusedBeforeTheDueDatePassesAndForDraftsAndBadInput() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let notDue = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-31")
            let id = try #require(notDue["id"] as? String)
            try await run.expect(.conflict, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin)
            try await run.expect(.unprocessableContent, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of":"2027-01-30"}"#)
            try await run.expect(.unprocessableContent, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of":"soon"}"#)
            try await run.expect(.notFound, .post, "/api/v1/invoices/\(UUID())/late-charges", as: world.admin)
            // The body conventions: malformed JSON, not JSON, too large.
            try await run.expect(.badRequest, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, #"{"as_of""#)
            let plain = try await run.client.execute(
                uri: "/api/v1/invoices/\(id)/late-charges", method: .post,
                headers: [.authorization: "Bearer \(world.admin)", .contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(plain.status == .unsupportedMediaType)
            let huge = #"{"as_of":""# + String(repeating: "x", count: 2_000_000) + #""}"#
            try await run.expect(.contentTooLarge, .post, "/api/v1/invoices/\(id)/late-charges", as: world.admin, huge)
            #expect(try await world.count("late_charges") == 0)
        }
    }
}

extension AutomationWorld {
    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await pool.queryOne(SQL(unsafeRaw: "SELECT count(*)::int AS n FROM \(table) WHERE \(condition)")).decode("n")
    }
}
