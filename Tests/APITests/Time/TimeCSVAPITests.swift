import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct TimeCSVAPITests {
    func records(_ response: TestResponse) throws -> [[String]] {
        let table = try CSVReader().read(Data(response.body.readableBytesView))
        #expect(table.header == SheafTimeCSV.header)
        return table.records.map(\.fields)
    }

    func importCSV(
        _ client: any TestClientProtocol, _ text: String, format: String, options: String = "", token: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/imports/time-entries?format=\(format)\(options)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: .init(string: text))
    }

    @Test func theExportIsRFC4180CSVOfWhatTheCallerMaySee() async throws {
        try await withTimeApp { (world, client) async throws in
            let approved = try await world.insertEntry("2026-03-02", minutes: 90, status: "approved", note: #"Kick-off, "v2""#)
            try await world.insertEntry("2026-03-03", minutes: 30)
            try await world.insertEntry("2026-03-04", project: world.work.otherProjectID, task: world.work.otherTaskID, status: "approved")

            let admin = try await client.call(.get, "/api/v1/exports/time-entries.csv?to=2026-03-03", token: world.token(.admin))
            #expect(admin.status == .ok)
            #expect(admin.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(admin.headers[.contentDisposition] == #"attachment; filename="time-entries.csv""#)
            #expect(admin.text.hasPrefix(SheafTimeCSV.header.joined(separator: ",") + "\r\n"))
            #expect(admin.text.contains(#""Kick-off, ""v2""""#))
            let rows = try records(admin)
            #expect(rows.count == 2)
            let code = try await world.projectCode()
            #expect(
                rows[0] == [
                    approved.description, "2026-03-02", "member@agency.test", "Mia Member", "Client A", code, "Website relaunch", "Design",
                    "90", "1.50", "true", "approved", #"Kick-off, "v2""#, "95.00", "50.00",
                ])
            #expect(rows[1][11] == "open")
            #expect(rows[1][13] == "" && rows[1][14] == "")

            let manager = try records(try await client.call(.get, "/api/v1/exports/time-entries.csv?to=2026-03-03", token: world.token(.manager)))
            #expect(manager.map { $0[14] } == ["", ""], "only the admin sees cost rates")
            #expect(manager[0][13] == "95.00")
            let contact = try records(try await client.call(.get, "/api/v1/exports/time-entries.csv", token: world.token(.client)))
            #expect(contact.map { $0[0] } == [approved.description], "signed-off time of the contact's own client only")
            let filtered = try records(try await client.call(.get, "/api/v1/exports/time-entries.csv?status=open", token: world.token(.member)))
            #expect(filtered.count == 1)
            let bad = try await client.call(.get, "/api/v1/exports/time-entries.csv?from=x", token: world.token(.member))
            expectProblem(bad, .invalidInput)
        }
    }

    @Test func reimportingAnExportInDryRunReportsEveryRowAsADuplicate() async throws {
        try await withTimeApp { (world, client) async throws in
            for day in 2...6 { try await world.insertEntry("2026-03-0\(day)", minutes: 480, status: "approved", note: "Build") }
            try await world.insertEntry("2026-03-02", minutes: 60, task: world.meetingTaskID, billable: false)
            let export = try await client.call(.get, "/api/v1/exports/time-entries.csv", token: world.token(.admin)).text

            for who in [RoleWorld.Who.admin, .member] {
                let preview = try await importCSV(client, export, format: "sheaf", options: "&dry_run=true", token: world.token(who))
                #expect(preview.status == .ok)
                let report = try preview.object()
                #expect(report["format"] as? String == "sheaf")
                #expect(report["dry_run"] as? Bool == true)
                #expect(report["rows"] as? Int == 6)
                #expect(report["duplicates"] as? Int == 6, "\(who): \(preview.text)")
                #expect(report["duplicate_lines"] as? [Int] == [2, 3, 4, 5, 6, 7])
                #expect(report["imported"] as? Int == 0)
                #expect((report["rejected"] as? [Any])?.isEmpty == true)
            }
            let real = try await importCSV(client, export, format: "sheaf", token: world.token(.admin))
            #expect(try real.object()["duplicates"] as? Int == 6)
            #expect(try await world.count("time_entries") == 6)
            #expect(try await world.count("audit_events", where: "action = 'time_entries.imported'") == 0)
        }
    }

    static let harvestHeader =
        "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,"
        + "First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL"

    func harvestRow(
        _ date: String, code: String, task: String = "Design", note: String, hours: String, billable: String = "Yes",
        person: String = "Mia,Member"
    ) -> String {
        "\(date),Client A,Website relaunch,\(code),\(task),\(note),\(hours),\(hours),\(billable),No,No,\(person),,Yes,,,,,EUR,"
    }

    @Test func aHarvestExportIsImportedAllOrNothingUnlessPartial() async throws {
        try await withTimeApp { (world, client) async throws in
            let code = try await world.projectCode()
            try await world.insertEntry("2026-03-04", minutes: 120, note: "Already here")
            let file =
                [
                    Self.harvestHeader,
                    harvestRow("2026-03-02", code: code, note: "Mockups", hours: "1.5"),
                    harvestRow("03/03/2026", code: code, note: #""Fix header, footer""#, hours: #""0,25""#, billable: "No"),
                    harvestRow("2026-02-30", code: code, note: "Bad date", hours: "1"),
                    harvestRow("2026-03-03", code: code, note: "Ghost", hours: "1", person: "Zed,Nobody"),
                    harvestRow("2026-03-03", code: code, task: "Research", note: "Unknown task", hours: "1"),
                    harvestRow("2026-03-03", code: code, note: "Not mine", hours: "1", person: "Max,Manager"),
                    harvestRow("2026-03-03", code: code, task: "Internal meeting", note: "Standup", hours: "0.25"),
                    harvestRow("2026-03-04", code: code, note: "Already here", hours: "2"),
                ].joined(separator: "\r\n") + "\r\n"

            let strict = try await importCSV(client, file, format: "harvest", token: world.token(.member))
            #expect(strict.status == .ok)
            let report = try strict.object()
            #expect(report["rows"] as? Int == 8)
            #expect(report["imported"] as? Int == 0)
            #expect(report["duplicate_lines"] as? [Int] == [9])
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.compactMap { $0["line"] as? Int } == [4, 5, 6, 7, 8])
            let reasons = rejected.compactMap { $0["reason"] as? String }
            #expect(reasons[0].contains("2026-02-30"))
            #expect(reasons[1] == "No active collaborator has the name Zed Nobody.")
            #expect(reasons[2] == "The project Website relaunch has no task named Research.")
            #expect(reasons[3] == "You can only import your own time; this row is for Max Manager.")
            #expect(reasons[4] == "The task Internal meeting is not billable, so its time cannot be billable.")
            #expect(try await world.count("time_entries") == 1)

            let preview = try await importCSV(client, file, format: "harvest", options: "&partial=true&dry_run=true", token: world.token(.member))
            #expect(try preview.object()["imported"] as? Int == 2)
            #expect(try await world.count("time_entries") == 1)

            let partial = try await importCSV(client, file, format: "harvest", options: "&partial=true", token: world.token(.member))
            #expect(try partial.object()["imported"] as? Int == 2)
            #expect(try partial.object()["entry_ids"] as? [String] != nil)
            let minutes: [Int] = try await world.pool.query(
                "SELECT minutes FROM time_entries WHERE note <> 'Already here' ORDER BY work_date"
            ) { try $0.decode("minutes") }
            #expect(minutes == [90, 15])
            let flags: [Bool] = try await world.pool.query(
                "SELECT billable FROM time_entries WHERE note <> 'Already here' ORDER BY work_date"
            ) { try $0.decode("billable") }
            #expect(flags == [true, false])
            #expect(try await world.count("audit_events", where: "action = 'time_entries.imported'") == 1)
            // The same file again: what was imported is now a duplicate.
            let again = try await importCSV(client, file, format: "harvest", options: "&partial=true", token: world.token(.member))
            #expect(try again.object()["imported"] as? Int == 0)
            #expect(try again.object()["duplicate_lines"] as? [Int] == [2, 3, 9])
        }
    }

    @Test func aTogglExportWithAByteOrderMarkIsMatchedByEmailAndProjectName() async throws {
        try await withTimeApp { (world, client) async throws in
            let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()"
            let file =
                "\u{FEFF}"
                + [
                    header,
                    "Someone,member@agency.test,Client A,Website relaunch,Design,Toggl work,Yes,2026-03-09,09:00:00,2026-03-09,10:30:00,01:30:00,,",
                    "Someone,member@agency.test,Client A,Website relaunch,Internal meeting,Standup,No,2026-03-09,11:00:00,2026-03-09,11:15:00,00:15:00,,",
                    "Someone,member@agency.test,Client A,Nope,Design,Elsewhere,Yes,2026-03-09,12:00:00,2026-03-09,13:00:00,01:00:00,,",
                    "Someone,member@agency.test,Client A,Website relaunch,Design,Broken,Yes,2026-03-09,12:00:00,2026-03-09,13:00:00,soon,,",
                ].joined(separator: "\n")
            let response = try await importCSV(client, file, format: "toggl", options: "&partial=true", token: world.token(.member))
            let report = try response.object()
            #expect(report["imported"] as? Int == 2, "\(response.text)")
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.compactMap { $0["line"] as? Int } == [4, 5])
            #expect(rejected.first?["reason"] as? String == "No project has the name Nope.")
            let total: Int = try await world.pool.queryOne(
                "SELECT sum(minutes)::integer AS n FROM time_entries WHERE user_id = \(world.user(.member))"
            ).decode("n")
            #expect(total == 105)
        }
    }

    /// Issue 10 items 5 and 6: what `curl -F file=@export.csv` sends, from a Toggl export
    /// without a task column, with the task chosen for the whole file.
    @Test func aMultipartUploadWithoutATaskColumnTakesTheDefaultTask() async throws {
        try await withTimeApp { (world, client) async throws in
            let csv = [
                "User,Email,Client,Project,Description,Billable,Start date,Start time,End date,End time,Duration",
                "Someone,member@agency.test,Client A,Website relaunch,Toggl work,Yes,2026-03-09,09:00:00,2026-03-09,10:30:00,01:30:00",
            ].joined(separator: "\r\n")
            let boundary = "------------------------d74496d66958873e"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
            func upload(_ options: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/imports/time-entries?format=toggl\(options)", method: .post,
                    headers: [.authorization: "Bearer \(world.token(.member))", .contentType: "multipart/form-data; boundary=\(boundary)"],
                    body: .init(string: body))
            }
            let noTask = try await upload("")
            #expect(noTask.status == .ok, "\(noTask.text)")
            let reason = try (noTask.object()["rejected"] as? [[String: Any]])?.first?["reason"] as? String
            #expect(reason?.hasPrefix("No task given") == true, "\(noTask.text)")

            let imported = try await upload("&default_task=design")
            #expect(try imported.object()["imported"] as? Int == 1, "\(imported.text)")
            let task: TaskID = try await world.pool.queryOne("SELECT task_id FROM time_entries").decode("task_id")
            #expect(task == world.work.billableTaskID)

            let broken = try await client.execute(
                uri: "/api/v1/imports/time-entries?format=toggl", method: .post,
                headers: [.authorization: "Bearer \(world.token(.member))", .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: .init(string: "--\(boundary)\r\nno blank line"))
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("not well formed"), "\(broken.text)")
        }
    }

    /// Issue 10 item 6: a row's every problem in one reason, not only the first.
    @Test func aRejectedRowNamesAllOfItsProblems() async throws {
        try await withTimeApp { (world, client) async throws in
            let file = [
                "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration",
                "Nobody,nobody@agency.test,Client A,Nope,Design,x,Yes,2026-03-09,09:00:00,2026-03-09,10:30:00,01:30:00",
            ].joined(separator: "\n")
            let response = try await importCSV(client, file, format: "toggl", token: world.token(.admin))
            let reason = try #require(try (response.object()["rejected"] as? [[String: Any]])?.first?["reason"] as? String)
            #expect(reason.contains("No active collaborator has the email nobody@agency.test"), "\(reason)")
            #expect(reason.contains("No project has the name Nope."), "\(reason)")
        }
    }

    @Test func aClockifyExportWithUSDatesAndDecimalCommasIsImported() async throws {
        try await withTimeApp { (world, client) async throws in
            let header =
                "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,"
                + "Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)"
            let good = [
                "Website relaunch,Client A,Review,Design,Mia Member,,member@agency.test,,No,03/10/2026,09:00 AM,03/10/2026,10:30 AM,01:30:00,1.50,,",
                #"Website relaunch,Client A,Meeting,Internal meeting,Mia Member,,member@agency.test,,No,03/10/2026,11:00 AM,03/10/2026,11:45 AM,,"0,75",,"#,
            ]
            let bad =
                "Website relaunch,Client A,Typo,Design,Mia Member,,member@agency.test,,No,13/10/2026,09:00 AM,13/10/2026,10:00 AM,01:00:00,1.00,,"
            let strict = try await importCSV(
                client, ([header] + good + [bad]).joined(separator: "\n"), format: "clockify", token: world.token(.member))
            #expect(try strict.object()["imported"] as? Int == 0)
            #expect(try (strict.object()["rejected"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [4])
            #expect(try await world.count("time_entries") == 0)
            let clean = try await importCSV(client, ([header] + good).joined(separator: "\n"), format: "clockify", token: world.token(.member))
            #expect(try clean.object()["imported"] as? Int == 2)
            let minutes: [Int] = try await world.pool.query("SELECT minutes FROM time_entries ORDER BY minutes DESC") { try $0.decode("minutes") }
            #expect(minutes == [90, 45])
        }
    }

    func sheafFile(_ rows: [(email: String, date: String, minutes: Int)]) -> String {
        var writer = CSVWriter(header: SheafTimeCSV.header)
        for row in rows {
            writer.append(
                SheafTimeCSV.row(
                    id: UUID(), date: LocalDate(iso: row.date)!, userEmail: row.email, userName: "", client: "Client A", projectCode: nil,
                    project: "Website relaunch", task: "Design", minutes: row.minutes, billable: true, status: "open", note: "",
                    billableRate: nil, costRate: nil))
        }
        return writer.text
    }

    @Test func anImportKeepsEachDayWithin24HoursAcrossTheFileAndExistingTime() async throws {
        try await withTimeApp { (world, client) async throws in
            try await world.insertEntry("2026-03-02", minutes: 1000)
            let file = sheafFile([
                ("member@agency.test", "2026-03-02", 300), ("member@agency.test", "2026-03-02", 200), ("member@agency.test", "2026-03-03", 1440),
            ])
            let response = try await importCSV(client, file, format: "sheaf", options: "&partial=true", token: world.token(.member))
            let report = try response.object()
            #expect(report["imported"] as? Int == 2)
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.compactMap { $0["line"] as? Int } == [3])
            #expect(rejected.first?["reason"] as? String == "2026-03-02 already has 1300 minutes logged; at most 140 more minutes fit in that day.")
        }
    }

    @Test func onlyTheAdminImportsOtherPeoplesTime() async throws {
        try await withTimeApp { (world, client) async throws in
            let forMember = sheafFile([("member@agency.test", "2026-03-02", 60)])
            let byAdmin = try await importCSV(client, forMember, format: "sheaf", token: world.token(.admin))
            #expect(try byAdmin.object()["imported"] as? Int == 1)
            #expect(try await world.count("time_entries", where: "user_id = '\(world.user(.member))'") == 1)
            let forAdmin = sheafFile([("admin@agency.test", "2026-03-02", 60)])
            let byMember = try await importCSV(client, forAdmin, format: "sheaf", token: world.token(.member))
            #expect(
                try (byMember.object()["rejected"] as? [[String: Any]])?.first?["reason"] as? String
                    == "You can only import your own time; this row is for Ada Admin.")
            #expect(try await importCSV(client, forMember, format: "sheaf", token: world.token(.client)).status == .forbidden)
            let noFormat = try await importCSV(client, forMember, format: "", token: world.token(.member))
            #expect(try noFormat.errorFields() == ["format"])
            let badFlags = try await importCSV(client, forMember, format: "excel", options: "&dry_run=maybe", token: world.token(.member))
            #expect(try badFlags.errorFields() == ["dry_run", "format"])
            let notCSV = try await importCSV(client, "just some text", format: "toggl", token: world.token(.member))
            #expect(notCSV.status == .ok)
            #expect(try (notCSV.object()["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 1)
        }
    }
}
