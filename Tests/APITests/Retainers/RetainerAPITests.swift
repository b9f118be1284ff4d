import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// Runs `body` against the real router on a fresh ``WorkWorld`` whose clock reads
/// `today` at noon UTC (periods are judged complete against it).
func withRetainerApp(
    today: String = "2026-04-15", _ body: @Sendable (TimeAPIWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool(size: 6)
        let work = try await WorkWorld.make(pool: pool)
        var tokens: [RoleWorld.Who: String] = [:]
        for who in [RoleWorld.Who.admin, .manager, .member, .client] { tokens[who] = try await work.roles.token(who) }
        let world = TimeAPIWorld(work: work, pool: pool, tokens: tokens)
        let clock = TestClock(try Date("\(today)T12:00:00Z", strategy: .iso8601))
        let app = try TestApp.application(pool: pool, clock: clock)
        try await app.test(.router) { client in
            try await body(world, client)
        }
    }
}

/// The body of a retainer: 2 000.00 EUR a month, 20 h included, 95.00 EUR/h overage,
/// periods from the 1st, 80 % alert, forfeit unless `rule` says otherwise.
func retainerJSON(
    fee: Int = 200_000, currency: String? = nil, includedMinutes: Int = 1200, rate: String = "95.00", day: Int = 1,
    start: String = "2026-01-01", end: String? = nil, rule: String = #""unused_rule":"forfeit""#, threshold: Int = 80,
    notes: String = "Renew in December", extra: String = ""
) -> String {
    let money = currency.map { #"{"amount_minor":\#(fee),"currency":"\#($0)"}"# } ?? #"{"amount_minor":\#(fee)}"#
    let endText = end.map { #""\#($0)""# } ?? "null"
    return """
        {"monthly_fee":\(money),"included_minutes":\(includedMinutes),"overage_rate":"\(rate)","period_start_day":\(day),\
        "start_date":"\(start)","end_date":\(endText),\(rule),"alert_threshold_percent":\(threshold),\
        "renewal_notes":\(jsonString(notes))\(extra)}
        """
}

extension TimeAPIWorld {
    /// Creates the retainer of `project` (the world's by default) through the API as the admin.
    @discardableResult
    func createRetainer(_ client: any TestClientProtocol, project: ProjectID? = nil, json: String = retainerJSON()) async throws
        -> [String: Any]
    {
        let response = try await client.send(.put, "/api/v1/projects/\(project ?? projectID)/retainer", token: token(.admin), json: json)
        #expect(response.status == .created, "\(response.text)")
        return try response.object()
    }

    /// `minutes` of billable design on `date` in `status`, by the member, in several
    /// entries of at most 8 h (an entry holds at most a day).
    func logRetainerTime(_ date: String, minutes: Int, status: String = "approved", project: ProjectID? = nil, task: TaskID? = nil)
        async throws
    {
        var left = minutes
        while left > 0 {
            let chunk = min(left, 480)
            try await insertEntry(date, minutes: chunk, project: project, task: task, status: status)
            left -= chunk
        }
    }
}

@Suite struct RetainerAPITests {
    @Test func aRetainerIssuesItsInvoicesByItselfOnlyWhenItSaysAutoIssue() async throws {
        try await withRetainerApp { world, client in
            let created = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin), json: retainerJSON())
            #expect(try created.object()["auto_issue"] as? Bool == false)
            let replaced = try await client.call(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin),
                body: retainerJSON(extra: #","auto_issue":true"#), ifMatch: "\"1\"")
            #expect(replaced.status == .ok)
            #expect(try replaced.object()["auto_issue"] as? Bool == true)
            let wrong = try await client.call(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin),
                body: retainerJSON(extra: #","auto_issue":"yes""#), ifMatch: "\"2\"")
            #expect(wrong.status == .unprocessableContent)
        }
    }

    @Test func aPutCreatesTheRetainerWith201AndLocationWithoutIfMatch() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin), json: retainerJSON())
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/api/v1/projects/\(world.projectID)/retainer")
            #expect(response.headers[.eTag] == "\"1\"")
            let body = try response.object()
            #expect(body["project_id"] as? String == world.projectID.description)
            #expect(body["currency"] as? String == "EUR")
            #expect(body.money("monthly_fee")?.amountMinor == 200_000)
            #expect(body["included_minutes"] as? Int == 1200)
            #expect(body["included_hours"] as? String == "20.00")
            #expect(body["overage_rate"] as? String == "95.00")
            #expect(body["overage_rate_scaled"] as? Int == 950_000)
            #expect(body["unused_rule"] as? String == "forfeit")
            #expect(body["rollover_cap_minutes"] is NSNull)
            #expect(body["renewal_notes"] as? String == "Renew in December")
            #expect(body["version"] as? Int == 1)
            let history = try #require(body["overage_rates"] as? [[String: Any]])
            #expect(history.map { $0["effective_from"] as? String } == ["2026-01-01"])

            // The project is time-and-materials: a retainer can sit on any billing model.
            let get = try await client.send(.get, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.manager))
            #expect(get.status == .ok)
            #expect(get.headers[.eTag] == "\"1\"")
            #expect(try await world.count("audit_events", where: "action = 'retainer.created'") == 1)
        }
    }

    @Test func aReplaceNeedsIfMatchAndAStaleOneIsRefused() async throws {
        try await withRetainerApp { world, client in
            try await world.createRetainer(client)
            let uri = "/api/v1/projects/\(world.projectID)/retainer"
            let changed = retainerJSON(fee: 250_000, includedMinutes: 1500, rule: #""unused_rule":"rollover","rollover_cap_minutes":600,"rollover_expiry_periods":2"#)

            let missing = try await client.send(.put, uri, token: world.token(.admin), json: changed)
            #expect(missing.status == .preconditionRequired)
            #expect(missing.isProblem)
            let stale = try await client.send(.put, uri, token: world.token(.admin), json: changed, headers: [.ifMatch: "\"7\""])
            expectProblem(stale, .versionMismatch)
            #expect(try await world.count("audit_events", where: "action = 'retainer.replaced'") == 0)

            let replaced = try await client.send(.put, uri, token: world.token(.manager), json: changed, headers: [.ifMatch: "\"1\""])
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(replaced.headers[.eTag] == "\"2\"")
            let body = try replaced.object()
            #expect(body.money("monthly_fee")?.amountMinor == 250_000)
            #expect(body["unused_rule"] as? String == "rollover")
            #expect(body["rollover_cap_minutes"] as? Int == 600)
            #expect(body["rollover_expiry_periods"] as? Int == 2)

            // The audit event carries the money fields before and after.
            let row = try await world.pool.queryOne(
                """
                SELECT (before->>'monthly_fee_minor')::bigint AS before_fee, (after->>'monthly_fee_minor')::bigint AS after_fee,
                       (after->>'overage_rate_scaled')::bigint AS rate
                FROM audit_events WHERE action = 'retainer.replaced'
                """)
            #expect(try row.decode("before_fee", as: Int64.self) == 200_000)
            #expect(try row.decode("after_fee", as: Int64.self) == 250_000)
            #expect(try row.decode("rate", as: Int64.self) == 950_000)

            // The same body again changes nothing and keeps the version.
            let again = try await client.send(.put, uri, token: world.token(.admin), json: changed, headers: [.ifMatch: "\"2\""])
            #expect(again.status == .ok)
            #expect(again.headers[.eTag] == "\"2\"")
        }
    }

    @Test func ifMatchOnAProjectWithoutRetainerIsAStalePrecondition() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin), json: retainerJSON(),
                headers: [.ifMatch: "\"1\""])
            expectProblem(response, .versionMismatch)
            #expect(try await world.count("retainers") == 0)
        }
    }

    @Test func invalidTermsAreAllReportedAndNothingIsWritten() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin),
                json: retainerJSON(fee: -1, includedMinutes: -60, rate: "abc", day: 15, start: "2026-03-10", threshold: 0))
            expectProblem(response, .invalidInput)
            #expect(
                try response.errorFields() == ["alert_threshold_percent", "included_minutes", "monthly_fee", "overage_rate", "start_date"])
            let errors = try #require(try response.object()["errors"] as? [[String: Any]])
            let start = errors.first { $0["field"] as? String == "start_date" }?["message"] as? String
            #expect(start == "With period start day 15, the retainer must start on a period start: use 2026-02-15 or 2026-03-15.")
            #expect(try await world.count("retainers") == 0)
            #expect(try await world.count("audit_events", where: "action LIKE 'retainer.%'") == 0)
        }
    }

    @Test func missingFieldsAreReportedTogether() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin),
                json: #"{"unused_rule":"rollover","overage_rate":"95"}"#)
            expectProblem(response, .invalidInput)
            #expect(
                try response.errorFields() == [
                    "alert_threshold_percent", "included_minutes", "monthly_fee", "period_start_day", "rollover_cap_minutes",
                    "rollover_expiry_periods", "start_date",
                ])
            let forfeitWithCap = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin),
                json: retainerJSON(rule: #""unused_rule":"forfeit","rollover_cap_minutes":60"#))
            expectProblem(forfeitWithCap, .invalidInput)
            #expect(try forfeitWithCap.errorFields() == ["rollover_cap_minutes"])
            let unknown = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin), json: retainerJSON(extra: #","fee":1"#))
            expectProblem(unknown, .invalidInput)
            #expect(try await world.count("retainers") == 0)
        }
    }

    @Test func aFeeInAnotherCurrencyThanTheProjectsIsRefused() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin), json: retainerJSON(currency: "USD"))
            expectProblem(response, .invalidInput)
            #expect(try response.errorFields() == ["monthly_fee.currency"])
            #expect(response.text.contains("must be the project's currency, EUR"))
            #expect(try await world.count("retainers") == 0)
            // Naming the project's currency is fine.
            try await world.createRetainer(client, json: retainerJSON(currency: "EUR"))
        }
    }

    @Test func aRateChangeKeepsThePeriodsThatHaveEnded() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(client)
            for month in ["2026-01-12", "2026-03-10", "2026-04-07"] { try await world.logRetainerTime(month, minutes: 25 * 60) }
            let uri = "/api/v1/projects/\(world.projectID)/retainer"

            // A rate from a day in a period that has ended would rewrite it.
            let past = try await client.send(
                .put, uri, token: world.token(.admin), json: retainerJSON(rate: "110", extra: #","overage_rate_effective_from":"2026-03-15""#),
                headers: [.ifMatch: "\"1\""])
            expectProblem(past, .invalidInput)
            #expect(try past.errorFields() == ["overage_rate_effective_from"])
            #expect(past.text.contains("must be on or after 2026-04-01"))

            // By default the new rate starts with the current period.
            let changed = try await client.send(.put, uri, token: world.token(.admin), json: retainerJSON(rate: "110"), headers: [.ifMatch: "\"1\""])
            #expect(changed.status == .ok, "\(changed.text)")
            let history = try #require(try changed.object()["overage_rates"] as? [[String: Any]])
            #expect(history.map { $0["effective_from"] as? String } == ["2026-01-01", "2026-04-01"])
            #expect(history.map { $0["rate"] as? String } == ["95.00", "110.00"])
            let audited: String? = try await world.pool.queryOne(
                "SELECT after->>'overage_rate_effective_from' AS d FROM audit_events WHERE action = 'retainer.replaced'"
            ).decode("d")
            #expect(audited == "2026-04-01")

            let periods = try await client.send(.get, "\(uri)/periods", token: world.token(.admin))
            #expect(periods.status == .ok)
            let items = try periods.items()
            #expect(items.map { $0["overage_rate"] as? String } == ["95.00", "95.00", "95.00", "110.00"])
            #expect(items.map { ($0["overage_amount"] as? [String: Any])?["amount_minor"] as? Int } == [47_500, 0, 47_500, 55_000])
        }
    }
}
