import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The client's validation page, made easy to act on (issue 11 items 12–15): billable
/// and non-billable hours apart with the billable total on top, every entry under its
/// task, rejections naming the disputed entries, amounts, money per language, a way to a new link.
@Suite("Validation page", .serialized)
struct ValidationPageAPITests {
    /// Where `needle` starts in `html`, or the end when it is not there.
    static func position(_ needle: String, in html: String) -> String.Index {
        html.range(of: needle)?.lowerBound ?? html.endIndex
    }

    @Test func billableAndNonBillableHoursAreApartWithTheBillableTotalOnTop() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()  // 40 h of Design at 95.00, 1 h of internal meeting
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let page = try await client.getPage(created.linkPath, language: "en-GB,en;q=0.9")
            #expect(page.status == .ok)
            let html = page.text
            for expected in [
                "<dt>To be billed</dt><dd>€3,800.00</dd>", "<dt>Billable hours</dt><dd>40.00 h</dd>",
                "<dt>Non-billable hours (not charged)</dt><dd>1.00 h</dd>",
                #"<tr><th scope="row">Design</th><td class="hours">40.00</td><td class="hours">€3,800.00</td></tr>"#,
                #"<tr><th scope="row">Internal meeting</th><td class="hours">1.00</td></tr>"#,
                "Amounts exclude VAT",
            ] {
                #expect(html.contains(expected), "the page lacks \(expected)")
            }
            // The billable total comes first; the internal meeting is not in the billable table.
            #expect(Self.position("To be billed", in: html) < Self.position(#"id="billable-heading""#, in: html))
            let billableTable = html[Self.position(#"id="billable-heading""#, in: html)..<Self.position(#"id="non-billable-heading""#, in: html)]
            #expect(!billableTable.contains("Internal meeting"))
        }
    }

    @Test func theAmountsAreHashedWithWhatTheClientSees() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let content = try #require(created.body["content"] as? String)
            #expect(content.contains(#""format":"sheaf.validation/2""#))
            #expect(content.contains(#""billable":{"amount":{"currency":"EUR","value":"3800.00"},"hours":"40.00","minutes":2400}"#))
            #expect(content.contains(#""non_billable":{"hours":"1.00","minutes":60}"#))
            #expect(SHA256Digest(hashing: content).hexString == created.body["content_digest"] as? String)
            // Amounts are money: members, who see hours only, neither read nor list the request.
            let member = try await world.token(.member)
            #expect(try await client.call(.get, "/api/v1/validations/\(created.id)", token: member).status == .notFound)
            let listed = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations", token: member).items()
            #expect(!listed.contains { $0["id"] as? String == created.id })
            let managers = try await client.call(
                .get, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.manager)).items()
            #expect(managers.contains { $0["id"] as? String == created.id })
        }
    }

    @Test func everyEntryIsUnderItsTaskInDetailsWithEscapedNotesAndACheckbox() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let noted = try await world.work.insertApprovedTime(
                on: "2026-05-23", minutes: 90, note: #"Fix <script>alert("x")</script> & deploy"#)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let html = try await client.getPage(created.linkPath).text
            #expect(html.contains("<details>"))
            #expect(html.contains("Design <span class=\"figures\">· 41.50 h · €3,942.50</span></summary>"))
            #expect(html.contains("Internal meeting <span class=\"figures\">· 1.00 h · not charged</span></summary>"))
            #expect(html.contains("Fix &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; deploy"))
            #expect(!html.contains("<script>"))
            for entry in entries + [noted] {
                #expect(html.contains(#"<input type="checkbox" form="decision-form" name="entry" value="\#(entry)""#))
            }
            #expect(html.contains(#"aria-label="Dispute 2026-05-23, Mia Member, 1.50 h""#))
            #expect(html.contains(#"<td class="nowrap">2026-05-23</td><td class="nowrap">Mia Member</td>"#))
            #expect(html.contains(#"<td class="hours">1.50</td><td class="hours">€142.50</td>"#))
            #expect(html.contains(#"<form method="post" id="decision-form">"#))
        }
    }

    @Test(arguments: [
        ("fr-BE,fr;q=0.9,en;q=0.8", "3\u{202F}800,00\u{00A0}€", "40,00 h", "Heures facturables"),
        ("de-DE", "3.800,00\u{00A0}€", "40,00 h", "Abrechenbare Stunden"),
        ("nl-BE,nl", "€\u{00A0}3.800,00", "40,00 h", "Factureerbare uren"),
        ("it-IT, en;q=0.5", "€3,800.00", "40.00 h", "Billable hours"),
        ("fr;q=0, de;q=0.1", "3.800,00\u{00A0}€", "40,00 h", "Abrechenbare Stunden"),
    ])
    func moneyAndNumbersAreWrittenInTheClientsLanguage(header: String, money: String, hours: String, label: String) async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let html = try await client.getPage(created.linkPath, language: header).text
            #expect(html.contains("<dd>\(money)</dd>"), "\(header): no \(money)")
            #expect(html.contains("<dd>\(hours)</dd>"), "\(header): no \(hours)")
            #expect(html.contains(label), "\(header): no \(label)")
        }
    }

    @Test func aRejectionThroughTheFormNamesTheTickedEntriesAndTheQueueShowsThem() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let named = [entries[2], entries[5]]
            let decided = try await client.postForm(
                created.linkPath,
                "decision=reject&name=Cleo+Client&comment=Wednesday+was+shorter&entry=\(named[1])&entry=\(named[0])")
            #expect(decided.status == .ok, "\(decided.text)")
            let admin = try await world.token(.admin)
            let record = try await client.call(.get, "/api/v1/validations/\(created.id)", token: admin).object()
            #expect(record["disputed_entry_ids"] as? [String] == named.map(\.description).sorted())

            let queue = try await client.call(.get, "/api/v1/approvals?limit=200", token: try await world.token(.manager)).items()
            let byID = Dictionary(uniqueKeysWithValues: queue.compactMap { item in (item["id"] as? String).map { ($0, item) } })
            for entry in entries {
                let item = try #require(byID[entry.description], "\(entry) is not back in the queue")
                #expect(item["rejected_by_client"] as? Bool == true)
                #expect(item["client_rejection_comment"] as? String == "Wednesday was shorter")
                #expect(item["disputed_by_client"] as? Bool == named.contains(entry), "\(entry)")
            }
        }
    }

    @Test func theFormComesBackWithTheTickedEntriesStillTickedAndOpen() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let again = try await client.postForm(created.linkPath, "decision=reject&name=&comment=Too+long&entry=\(entries[5])")
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains(#"value="\#(entries[5])" aria-label="Dispute 2026-05-20, Mia Member, 1.00 h" checked>"#))
            #expect(again.text.contains("<details open>"))
            #expect(!again.text.contains(#"value="\#(entries[0])" aria-label="Dispute 2026-05-18, Mia Member, 8.00 h" checked>"#))
        }
    }

    @Test func onlyEntriesOfTheRequestCanBeNamed() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let stranger = try await world.work.insertApprovedTime(on: "2026-05-26", minutes: 60)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let json = try await client.call(
                .post, created.linkPath, token: nil,
                body: #"{"decision":"reject","name":"Cleo","comment":"No","entry_ids":["\#(stranger)"]}"#)
            expectProblem(json, .invalidInput)
            #expect(try json.errorFields() == ["entry_ids"])
            let form = try await client.postForm(created.linkPath, "decision=reject&name=Cleo&comment=No&entry=not-an-id")
            #expect(form.status == .unprocessableContent)
            #expect(form.text.contains("The entries named must be entries of this validation request."))
            let accepting = try await client.call(
                .post, created.linkPath, token: nil, body: #"{"decision":"accept","name":"Cleo","entry_ids":["\#(entries[0])"]}"#)
            expectProblem(accepting, .invalidInput)
            // The link still works, and nothing moved.
            #expect(try await world.work.entryState(entries[0]).status == "approved")
            #expect(try await client.getPage(created.linkPath).status == .ok)
        }
    }

    @Test func aLoggedInContactNamesEntriesThroughTheDecision() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let stranger = try await world.work.insertApprovedTime(on: "2026-05-26", minutes: 60)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let contact = try await world.token(.client)
            let refused = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: contact,
                body: #"{"decision":"reject","comment":"Monday","entry_ids":["\#(stranger)"]}"#)
            expectProblem(refused, .invalidInput)
            let decided = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: contact,
                body: #"{"decision":"reject","comment":"Monday","entry_ids":["\#(entries[0])"]}"#)
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(try decided.object()["disputed_entry_ids"] as? [String] == [entries[0].description])
        }
    }

    @Test func aLinkThatNoLongerWorksNamesTheAgencyAndWhomToAskForANewOne() async throws {
        try await withValidationApp { world, client in
            try await world.pool.execute("UPDATE agency_settings SET legal_name = 'Atelier <Nord> & Fils'")
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let decided = try await client.postForm(created.linkPath, "decision=accept&name=Cleo")
            #expect(decided.status == .ok)
            let gone = try await client.getPage(created.linkPath)
            #expect(gone.status == .gone)
            let html = gone.text
            #expect(html.contains("<p><strong>Atelier &lt;Nord&gt; &amp; Fils</strong></p>"))
            #expect(
                html.contains(
                    #"To ask for a new link, write to Max Manager at <a href="mailto:manager@agency.test">manager@agency.test</a> (Atelier &lt;Nord&gt; &amp; Fils)."#
                ), "\(html)")
            let french = try await client.getPage(created.linkPath, language: "fr").text
            #expect(french.contains(#"<p lang="fr">Pour recevoir un nouveau lien, écrivez à Max Manager à l’adresse <a href="mailto:manager@agency.test">"#))
            // JSON callers still get the problem document, unchanged.
            let problem = try await client.call(.get, created.linkPath, token: nil)
            #expect(problem.status == .gone && problem.isProblem)
        }
    }

    @Test func expenseCategoriesAreWordsAndCountsAgree() async throws {
        try await withValidationApp { world, client in
            try await world.work.insertApprovedTime(on: "2026-05-18", minutes: 480)
            try await world.pool.execute(
                """
                INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                      markup_bp, note, status, submitted_at, approved_by, approved_at)
                VALUES (\(ExpenseID.random()), \(world.work.roles.member.id), \(world.projectID), '2026-05-19'::date, 'software_licence',
                        250000, 'EUR', 2100, true, 0, 'Fonts', 'approved', now(), \(world.work.roles.manager.id), now())
                """)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let html = try await client.getPage(created.linkPath, language: "fr").text
            #expect(html.contains("8,00 hours in 1 time entry; 1 expense recharged, 2\u{202F}500,00\u{00A0}€ excluding VAT."), "\(html)")
            #expect(html.contains("<td>Licence logicielle</td>"))
            let english = try await client.getPage(created.linkPath).text
            #expect(english.contains("<td>Software licence</td>"))
        }
    }

}
