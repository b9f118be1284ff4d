import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct RetainerPeriodsAPITests {
    /// Work on a change request's task is a scope change billed per the change request,
    /// so it never eats into the retainer's included hours.
    @Test func timeOnAChangeRequestsTaskIsNotConsumed() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(client)
            try await world.logRetainerTime("2026-02-02", minutes: 600)
            let task = TaskID.random()
            let change = UUID()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.projectID), 'CR-1: Blog', true)")
            try await world.pool.execute(
                """
                INSERT INTO change_requests (id, project_id, number, title, pricing, hourly_rate_scaled, currency, status, task_id)
                VALUES (\(change), \(world.projectID), 1, 'Blog', 'hourly', 1200000, 'EUR', 'accepted', \(task))
                """)
            try await world.pool.execute("UPDATE tasks SET change_request_id = \(change) WHERE id = \(task)")
            try await world.logRetainerTime("2026-02-03", minutes: 900, task: task)

            let periods = try await client.send(.get, "/api/v1/projects/\(world.projectID)/retainer/periods", token: world.token(.admin))
                .decode(RetainerPeriodsBody.self).items
            #expect(periods[1].consumedMinutes == 600)
            #expect(periods[1].overageMinutes == 0)
        }
    }

    @Test func twentySixApprovedHoursAgainstTwentyIncludedAreSixHoursOfOverage() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(client)
            // February: 26 h approved (approved, client-validated and invoiced all count)…
            try await world.logRetainerTime("2026-02-02", minutes: 10 * 60, status: "approved")
            try await world.logRetainerTime("2026-02-10", minutes: 8 * 60, status: "client_validated")
            try await world.logRetainerTime("2026-02-27", minutes: 8 * 60, status: "invoiced")
            // …and what does not count: open and submitted time, non-billable time,
            // time outside the period and time on another project.
            try await world.logRetainerTime("2026-02-11", minutes: 5 * 60, status: "open")
            try await world.logRetainerTime("2026-02-12", minutes: 3 * 60, status: "submitted")
            try await world.insertEntry("2026-02-13", minutes: 120, task: world.meetingTaskID, status: "approved", billable: false)
            try await world.logRetainerTime("2026-03-01", minutes: 60)
            let other = try await world.newProject()
            try await world.logRetainerTime("2026-02-16", minutes: 240, project: other.project, task: other.task)

            let response = try await client.send(.get, "/api/v1/projects/\(world.projectID)/retainer/periods", token: world.token(.admin))
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.decode(RetainerPeriodsBody.self)
            #expect(body.through == "2026-04-15")
            let periods = body.items
            #expect(periods.map(\.from) == ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"])
            #expect(periods.map(\.to) == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
            // One word per meaning: a range is from/to, never start/end (issue 10 item 16).
            let raw = try response.items()
            for period in raw {
                #expect(period["from"] is String && period["to"] is String)
                #expect(period["start"] == nil && period["end"] == nil)
            }
            #expect(periods.map(\.complete) == [true, true, true, false])
            let february = periods[1]
            #expect(february.includedMinutes == 1200)
            #expect(february.consumedMinutes == 1560)
            #expect(february.consumedHours == "26.00")
            #expect(february.remainingMinutes == 0)
            #expect(february.overageMinutes == 360)
            #expect(february.overageHours == "6.00")
            #expect(february.overageRate == "95.00")
            #expect(february.overageAmount == MoneyBody(amountMinor: 57_000, currency: "EUR"))  // 6 h × 95.00 EUR
            #expect(february.thresholdCrossed)
            #expect(february.forfeitedMinutes == 0)
            let january = periods[0]
            #expect(january.consumedMinutes == 0)
            #expect(january.forfeitedMinutes == 1200)
            #expect(periods[2].consumedMinutes == 60)
        }
    }

    @Test func throughChoosesTheLastPeriodAndABadDateIs422() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(client)
            let uri = "/api/v1/projects/\(world.projectID)/retainer/periods"
            let short = try await client.send(.get, "\(uri)?through=2026-02-01", token: world.token(.admin))
            #expect(try short.items().count == 2)
            let before = try await client.send(.get, "\(uri)?through=2025-12-31", token: world.token(.admin))
            #expect(try before.items().isEmpty)
            let bad = try await client.send(.get, "\(uri)?through=February", token: world.token(.admin))
            expectProblem(bad, .invalidInput)
            #expect(try bad.errorFields() == ["through"])
            let absurd = try await client.send(.get, "\(uri)?through=9999-12-31", token: world.token(.admin))
            expectProblem(absurd, .invalidInput)
        }
    }

    @Test func unusedTimeRollsOverIntoTheNextPeriodWithinTheCap() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(
                client, json: retainerJSON(rule: #""unused_rule":"rollover","rollover_cap_minutes":600,"rollover_expiry_periods":1"#))
            try await world.logRetainerTime("2026-01-20", minutes: 10 * 60)  // 10 h unused, all within the cap
            try await world.logRetainerTime("2026-02-20", minutes: 25 * 60)  // uses the 10 h carried, then 15 of its own
            try await world.logRetainerTime("2026-03-20", minutes: 24 * 60)  // only 5 h of February's were left to carry
            let periods = try await client.send(
                .get, "/api/v1/projects/\(world.projectID)/retainer/periods", token: world.token(.admin)
            ).decode(RetainerPeriodsBody.self).items
            // January carries its 600 unused (the cap); February 300 of its own; March 60; April
            // has them on top of its 20 h.
            #expect(periods.map(\.includedMinutes) == [1200, 1800, 1500, 1260])
            #expect(periods.map(\.rolloverMinutes) == [0, 600, 300, 60])
            #expect(periods.map(\.remainingMinutes) == [600, 300, 60, 1260])
            #expect(periods.map(\.overageMinutes) == [0, 0, 0, 0])
            // The running period shows what it would lose if nothing more were used: the 60
            // carried from March expire, and 600 of its own unused 1200 exceed the cap.
            #expect(periods.map(\.forfeitedMinutes) == [0, 0, 0, 660])
        }
    }

    @Test func theAlertThresholdIsCrossedAtItsShareOfTheIncludedTime() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            try await world.createRetainer(client, json: retainerJSON(threshold: 80))
            try await world.logRetainerTime("2026-01-05", minutes: 16 * 60 - 1)  // 79.9 %
            try await world.logRetainerTime("2026-02-05", minutes: 16 * 60)  // 80 %
            let periods = try await client.send(
                .get, "/api/v1/projects/\(world.projectID)/retainer/periods", token: world.token(.manager)
            ).decode(RetainerPeriodsBody.self).items
            #expect(periods.map(\.thresholdCrossed) == [false, true, false, false])
        }
    }

    @Test func aMemberSeesHoursButNoMoneyAndTheClientNoNotes() async throws {
        try await withRetainerApp { world, client in
            try await world.createRetainer(client)
            try await world.logRetainerTime("2026-02-02", minutes: 26 * 60)
            let uri = "/api/v1/projects/\(world.projectID)/retainer"

            let member = try await client.send(.get, uri, token: world.token(.member))
            #expect(member.status == .ok)
            let seen = try member.object()
            #expect(seen["included_minutes"] as? Int == 1200)
            #expect(seen["monthly_fee"] is NSNull)
            #expect(seen["overage_rate"] is NSNull)
            #expect(seen["overage_rates"] is NSNull)
            #expect(seen["renewal_notes"] is NSNull)
            let memberPeriods = try await client.send(.get, "\(uri)/periods", token: world.token(.member)).items()
            #expect(memberPeriods[1]["overage_minutes"] as? Int == 360)
            #expect(memberPeriods[1]["overage_amount"] is NSNull)

            let contact = try await client.send(.get, uri, token: world.token(.client))
            #expect(contact.status == .ok)
            let billed = try contact.object()
            #expect(billed.money("monthly_fee")?.amountMinor == 200_000)
            #expect(billed["renewal_notes"] is NSNull)
            let contactPeriods = try await client.send(.get, "\(uri)/periods", token: world.token(.client)).items()
            #expect(contactPeriods[1].money("overage_amount")?.amountMinor == 57_000)
        }
    }

    @Test func theContactOfAnotherClientDoesNotLearnTheRetainerExists() async throws {
        try await withRetainerApp { world, client in
            try await world.createRetainer(client, project: world.work.otherProjectID)
            for uri in ["/api/v1/projects/\(world.work.otherProjectID)/retainer", "/api/v1/projects/\(world.work.otherProjectID)/retainer/periods"] {
                let response = try await client.send(.get, uri, token: world.token(.client))
                #expect(response.status == .notFound)
                #expect(response.isProblem)
            }
            let put = try await client.send(
                .put, "/api/v1/projects/\(world.work.otherProjectID)/retainer", token: world.token(.client), json: retainerJSON(),
                headers: [.ifMatch: "\"1\""])
            #expect(put.status == .notFound)
            // A project without a retainer: 404 naming the retainer.
            let none = try await client.send(.get, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.admin))
            #expect(none.status == .notFound)
            #expect(try none.detail().contains("retainer"))
        }
    }

    @Test func aMemberCannotSetTheRetainer() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(
                .put, "/api/v1/projects/\(world.projectID)/retainer", token: world.token(.member), json: retainerJSON())
            #expect(response.status == .forbidden)
            #expect(try await world.count("retainers") == 0)
        }
    }
}

/// `GET /projects/{id}/retainer/periods`, as these tests read it.
struct RetainerPeriodsBody: Decodable {
    struct Period: Decodable {
        /// The period's first and last days (both included), as every date range.
        let from: String
        let to: String
        let complete: Bool
        let includedMinutes: Int
        let rolloverMinutes: Int
        let consumedMinutes: Int
        let consumedHours: String
        let remainingMinutes: Int
        let overageMinutes: Int
        let overageHours: String
        /// Null for roles that do not see money.
        let overageRate: String?
        let overageAmount: MoneyBody?
        let forfeitedMinutes: Int
        let thresholdCrossed: Bool
    }

    let through: String
    let items: [Period]
}
