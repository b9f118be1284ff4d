import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The time-entry export as a workbook (issue 16 item 4): opened by an independent
/// reader (openpyxl) with typed cells, and imported back.
@Suite struct TimeXLSXAPITests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func importFile(
        _ client: any TestClientProtocol, _ data: Data, contentType: String = Self.xlsx, options: String = "", token: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/imports/time-entries?format=sheaf\(options)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: contentType], body: ByteBuffer(bytes: data))
    }

    @Test func theWorkbookOpensInAnIndependentReaderWithTypedCells() async throws {
        try await withTimeApp { (world, client) async throws in
            let approved = try await world.insertEntry("2026-03-02", minutes: 90, status: "approved", note: #"=HYPERLINK("http://x","y")"#)
            try await world.insertEntry("2026-03-03", minutes: 30, billable: false)
            try await world.insertEntry("2026-03-04", project: world.work.otherProjectID, task: world.work.otherTaskID, status: "approved")

            let admin = try await client.call(.get, "/api/v1/exports/time-entries.xlsx?to=2026-03-03", token: world.token(.admin))
            #expect(admin.status == .ok)
            #expect(admin.headers[.contentType] == Self.xlsx)
            #expect(admin.headers[.contentDisposition] == #"attachment; filename="time-entries.xlsx""#)
            let book = try IndependentXLSXReader(Data(admin.body.readableBytesView))
            #expect(book.sheet == "Time entries")
            #expect(book.frozen == "A2", "the header row stays in view")
            #expect(book.header == SheafTimeCSV.header)
            #expect(book.rows[0].allSatisfy { $0?.bold == true })
            #expect(book.widths.count == SheafTimeCSV.header.count)
            #expect(book.widths["A"] == 38, "an id is 36 characters")
            #expect(book.rows.count == 3)

            let date = try #require(book.cell(0, "date"))
            #expect(date.type == "date" && date.text == "2026-03-02" && date.format == "yyyy-mm-dd")
            #expect(book.cell(0, "id")?.text == approved.description)
            #expect(book.cell(0, "minutes")?.number == 90 && book.cell(0, "minutes")?.format == "0")
            let hours = try #require(book.cell(0, "hours"))
            #expect(hours.number == 1.5 && hours.format == "#,##0.00")
            #expect(book.cell(0, "billable")?.value == AnyHashable(true))
            #expect(book.cell(1, "billable")?.value == AnyHashable(false))
            #expect(book.cell(0, "billable_rate")?.number == 95 && book.cell(0, "cost_rate")?.number == 50)
            #expect(book.cell(1, "billable_rate") == nil, "an open entry has no rate yet: an empty cell")
            let note = try #require(book.cell(0, "note"))
            #expect(note.type == "text" && note.text == #"=HYPERLINK("http://x","y")"#, "a typed text cell is never a formula")

            let manager = try IndependentXLSXReader(
                Data(try await client.call(.get, "/api/v1/exports/time-entries.xlsx?to=2026-03-03", token: world.token(.manager)).body.readableBytesView))
            #expect(manager.cell(0, "cost_rate") == nil, "only the admin sees cost rates")
            #expect(manager.cell(0, "billable_rate")?.number == 95)
            let contact = try IndependentXLSXReader(
                Data(try await client.call(.get, "/api/v1/exports/time-entries.xlsx", token: world.token(.client)).body.readableBytesView))
            #expect(contact.rows.dropFirst().map { $0.first??.text } == [approved.description], "the contact's signed-off time only")
            let bad = try await client.call(.get, "/api/v1/exports/time-entries.xlsx?from=x", token: world.token(.member))
            expectProblem(bad, .invalidInput)
        }
    }

    @Test func theCSVRouteAnswersWithAWorkbookWhenAcceptPrefersIt() async throws {
        try await withTimeApp { (world, client) async throws in
            try await world.insertEntry("2026-03-02")
            for (accept, expected) in [
                (Self.xlsx, Self.xlsx), ("text/csv;q=0.5, \(Self.xlsx)", Self.xlsx), ("text/csv, \(Self.xlsx);q=0.9", "text/csv; charset=utf-8"),
                ("*/*", "text/csv; charset=utf-8"), ("text/html", "text/csv; charset=utf-8"),
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/exports/time-entries.csv", method: .get,
                    headers: [.authorization: "Bearer \(world.token(.member))", .accept: accept])
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == expected, "Accept: \(accept)")
            }
        }
    }

    @Test func theWorkbookImportsBackEntryForEntry() async throws {
        try await withTimeApp { (world, client) async throws in
            for day in 2...4 { try await world.insertEntry("2026-03-0\(day)", minutes: 465, status: "approved", note: "'=quoted, \"kept\"") }
            try await world.insertEntry("2026-03-02", minutes: 15, task: world.meetingTaskID, billable: false)
            let before = try await world.pool.query(
                "SELECT work_date::text AS d, minutes, note, billable FROM time_entries ORDER BY work_date, minutes"
            ) { row in "\(try row.decode("d", as: String.self))|\(try row.decode("minutes", as: Int.self))|\(try row.decode("note", as: String.self))|\(try row.decode("billable", as: Bool.self))" }
            let workbook = Data(try await client.call(.get, "/api/v1/exports/time-entries.xlsx", token: world.token(.admin)).body.readableBytesView)

            let preview = try await importFile(client, workbook, options: "&dry_run=true", token: world.token(.admin))
            #expect(preview.status == .ok, "\(preview.text)")
            let report = try preview.object()
            #expect(report["rows"] as? Int == 4)
            #expect(report["duplicate_lines"] as? [Int] == [2, 3, 4, 5], "\(preview.text)")

            // Into an agency without them: every entry comes back as it was.
            try await world.pool.execute("DELETE FROM time_entries")
            let real = try await importFile(client, workbook, token: world.token(.admin))
            #expect(try real.object()["imported"] as? Int == 4, "\(real.text)")
            let after = try await world.pool.query(
                "SELECT work_date::text AS d, minutes, note, billable FROM time_entries ORDER BY work_date, minutes"
            ) { row in "\(try row.decode("d", as: String.self))|\(try row.decode("minutes", as: Int.self))|\(try row.decode("note", as: String.self))|\(try row.decode("billable", as: Bool.self))" }
            #expect(after == before)

            // The same file as the one part of a multipart body is recognised by its signature.
            let boundary = "------------------------5a0f1b7e"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.xlsx\"\r\n\r\n".utf8)
            body.append(workbook)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let multipart = try await importFile(
                client, body, contentType: "multipart/form-data; boundary=\(boundary)", options: "&dry_run=true", token: world.token(.admin))
            #expect(try multipart.object()["duplicates"] as? Int == 4, "\(multipart.text)")
        }
    }

    @Test func aFileThatIsNotAWorkbookIsRejectedOnTheFirstLine() async throws {
        try await withTimeApp { (world, client) async throws in
            let response = try await importFile(client, Data("date,minutes\n".utf8), token: world.token(.member))
            #expect(response.status == .ok)
            let rejected = try #require(try response.object()["rejected"] as? [[String: Any]])
            #expect(rejected.count == 1 && rejected.first?["line"] as? Int == 1)
            #expect((rejected.first?["reason"] as? String)?.contains("not an XLSX workbook") == true, "\(response.text)")
            let contact = try await importFile(client, Data("x".utf8), token: world.token(.client))
            #expect(contact.status == .forbidden)
        }
    }
}
