import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The portal's project page shows the milestones and their states (issue 19 item 5),
/// as `GET /api/v1/projects/{id}/milestones` gives them to the client's contact.
@Suite struct ConsolePortalMilestonesTests {
    @Test func theContactSeesEachMilestoneWithItsStateOnTheProjectPage() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newFixedPriceProject()
            let service = MilestoneService(pool: fixture.pool, clock: SystemClock(), linkSecret: MatrixFixture.linkSecret)
            let design = try await service.create(NewMilestone(name: "Design system", share: .percentage("30")), in: project, caller: fixture.admin)
            _ = try await service.create(NewMilestone(name: "Launch", share: .percentage("70")), in: project, caller: fixture.admin)
            _ = try await service.deliver(design.milestone.id, expiresInHours: 24, caller: fixture.admin)
            // What the API shows the contact: the amount only if the contact may see money.
            let contactCaller = Caller(user: fixture.world.client, sessionID: nil, origin: .commandLine)
            let seen = try await service.list(MilestoneQuery(projectID: project), caller: contactCaller)
            #expect(seen.map(\.milestone.name) == ["Design system", "Launch"])

            var contact = try await ConsoleTestApp.browser(.client, fixture: fixture, client: client)
            let page = try await contact.page("/portal/projects/\(project)")
            // 30 % and 70 % of the 10,000.00 contract, when shown at all.
            let amount = { (view: MilestoneView, shown: String) in view.amount == nil ? "" : shown }
            #expect(page.contains(#"<tr><th scope="row">Design system</th><td></td><td class="num">\#(amount(seen[0], "€3,000.00"))</td><td>Delivered, awaiting the client</td></tr>"#))
            #expect(page.contains(#"<tr><th scope="row">Launch</th><td></td><td class="num">\#(amount(seen[1], "€7,000.00"))</td><td>Planned</td></tr>"#))
            // The home page lists projects without their milestones (no extra read per project).
            #expect(!(try await contact.page("/portal")).contains("Design system"))
        }
    }
}
