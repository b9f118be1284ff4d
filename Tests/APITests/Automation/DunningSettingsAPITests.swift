import Domain
import Foundation
import HTTPTypes
import Postgres
import Testing

@Suite("Reminder rules and late-payment rates in settings")
struct DunningSettingsAPITests {
    @Test func theDefaultsAreMinusThreeZeroSevenThirtyAndTheRateTableIsPerHalfYear() async throws {
        try await AutomationWorld.with { world in
            let rules = try await world.run.expect(.ok, .get, "/api/v1/settings/reminder-rules", as: world.admin)
            #expect(rules.objects("rules").map { $0["offset_days"] as? Int } == [-3, 0, 7, 30])
            #expect(rules.objects("rules").map { $0["formal_notice"] as? Bool } == [false, false, false, true])
            let french = (rules.objects("rules")[3]["templates"] as? [String: Any])?["fr"] as? [String: Any]
            #expect((french?["subject"] as? String)?.hasPrefix("Mise en demeure") == true)
            let rates = try await world.run.expect(.ok, .get, "/api/v1/settings/late-payment-rates", as: world.admin)
            #expect(rates.objects("rates").map { $0["half_year"] as? String } == ["2025-H2", "2026-H1", "2026-H2"])
            #expect(rates.objects("rates").map { $0["rate_percent"] as? String } == ["10.50", "10.50", "10.50"])
            #expect(rates.minor("compensation") == 4_000)
        }
    }

    @Test func replacingRulesAndRatesIsVersionedAndAudited() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let current = try await run.expect(.ok, .get, "/api/v1/settings/reminder-rules", as: world.admin)
            let version = try #require(current["version"] as? Int)
            let template = #"{"subject":"Invoice {invoice_number}","body":"Please pay {amount_due} by {due_date}."}"#
            let templates = #"{"en":\#(template),"fr":\#(template),"nl":\#(template),"de":\#(template)}"#
            let body = #"{"rules":[{"offset_days":14,"formal_notice":true,"templates":\#(templates)},{"offset_days":-5,"templates":\#(templates)}]}"#
            try await run.expect(.preconditionRequired, .put, "/api/v1/settings/reminder-rules", as: world.admin, body)
            let replaced = try await run.expect(.ok, .put, "/api/v1/settings/reminder-rules", as: world.admin, body, ifMatch: "\"\(version)\"")
            #expect(replaced.objects("rules").map { $0["offset_days"] as? Int } == [-5, 14])
            try await run.expect(.preconditionFailed, .put, "/api/v1/settings/reminder-rules", as: world.admin, body, ifMatch: "\"\(version)\"")
            // The older offsets field follows the rules.
            let settings = try await run.expect(.ok, .get, "/api/v1/settings", as: world.admin)
            #expect(settings["reminder_offsets_days"] as? [Int] == [-5, 14])
            let newVersion = try #require(replaced["version"] as? Int)
            let rates = #"{"rates":[{"half_year":"2026-H2","rate_bp":1050},{"half_year":"2027-H1","rate_bp":1100}]}"#
            let table = try await run.expect(.ok, .put, "/api/v1/settings/late-payment-rates", as: world.admin, rates, ifMatch: "\"\(newVersion)\"")
            #expect(table.objects("rates").map { $0["half_year"] as? String } == ["2026-H2", "2027-H1"])
            #expect(try await world.count("audit_events", where: "action IN ('settings.reminder_rules_updated', 'settings.late_payment_rates_updated')") == 2)
        }
    }

    @Test func badRulesAndRatesAreReportedAndChangeNothing() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let version = try #require(try await run.expect(.ok, .get, "/api/v1/settings/reminder-rules", as: world.admin)["version"] as? Int)
            let bad = #"{"rules":[{"offset_days":900,"templates":{"en":{"subject":"Hi {nope}","body":""}}}]}"#
            let answer = try await run.expect(.unprocessableContent, .put, "/api/v1/settings/reminder-rules", as: world.admin, bad, ifMatch: "\"\(version)\"")
            let fields = Set((answer["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields.isSuperset(of: ["rules[0].offset_days", "rules[0].templates.en.subject", "rules[0].templates.en.body", "rules[0].templates.fr"]))
            try await run.expect(
                .unprocessableContent, .put, "/api/v1/settings/late-payment-rates", as: world.admin,
                #"{"rates":[{"half_year":"2026-H3","rate_bp":1050}]}"#, ifMatch: "\"\(version)\"")
            try await run.expect(
                .unprocessableContent, .put, "/api/v1/settings/late-payment-rates", as: world.admin,
                #"{"rates":[{"half_year":"2026-H1","rate_bp":1050},{"half_year":"2026-H1","rate_bp":900}]}"#, ifMatch: "\"\(version)\"")
            #expect(try await world.count("late_payment_rates") == 3)
            #expect(try await world.count("audit_events", where: "action LIKE 'settings.%'") == 0)
        }
    }

    @Test func patchingTheOffsetsInSettingsKeepsTheRulesInStep() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let settings = try await run.expect(.ok, .get, "/api/v1/settings", as: world.admin)
            try await run.expect(
                .ok, .patch, "/api/v1/settings", as: world.admin, #"{"reminder_offsets_days":[0,45,7]}"#,
                ifMatch: "\"\(settings["version"] as? Int ?? 0)\"")
            let rules = try await run.expect(.ok, .get, "/api/v1/settings/reminder-rules", as: world.admin)
            #expect(rules.objects("rules").map { $0["offset_days"] as? Int } == [0, 7, 45])
            #expect(rules.objects("rules").map { $0["formal_notice"] as? Bool } == [false, false, true])
        }
    }
}
