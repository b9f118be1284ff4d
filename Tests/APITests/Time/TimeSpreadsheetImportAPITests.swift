import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// `POST /imports/time-entries?format=csv` with a column mapping (issue 16 item 3): time
/// tracked in Google Sheets or Excel, here a Sheets export in German (`;`, BOM,
/// `D.M.YYYY`, decimal commas, Ja/Nein).
@Suite struct TimeSpreadsheetImportAPITests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Imports/sheets-time-de.csv")
    static let common = "format=csv&column_date=Datum&column_email=E-Mail&column_project=Projekt&column_task=Aufgabe"
        + "&column_note=Notiz&column_billable=Abrechenbar&date_order=dmy"

    func post(_ client: any TestClientProtocol, _ query: String, token: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/imports/time-entries?\(query)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(bytes: try Data(contentsOf: Self.fixture)))
    }

    @Test func aGermanSheetsExportImportsThroughItsColumnsWithHours() async throws {
        try await withTimeApp { (world, client) async throws in
            let strict = try await post(client, Self.common + "&column_hours=Stunden", token: world.token(.member))
            #expect(strict.status == .ok, "\(strict.text)")
            let report = try strict.object()
            #expect(report["format"] as? String == "csv")
            #expect(report["rows"] as? Int == 4)
            #expect(report["imported"] as? Int == 0, "all or nothing")
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.compactMap { $0["line"] as? Int } == [4, 5])
            #expect((rejected[0]["reason"] as? String)?.contains("Stunden '0' is less than a minute") == true, "\(rejected)")
            #expect((rejected[1]["reason"] as? String)?.contains("Datum '31.02.2026' is not a valid date") == true, "\(rejected)")

            let partial = try await post(client, Self.common + "&column_hours=Stunden&partial=true", token: world.token(.member))
            #expect(try partial.object()["imported"] as? Int == 2, "\(partial.text)")
            let rows = try await world.pool.query(
                "SELECT work_date::text AS d, minutes, note, billable FROM time_entries ORDER BY work_date"
            ) { row in
                "\(try row.decode("d", as: String.self)) \(try row.decode("minutes", as: Int.self)) \(try row.decode("note", as: String.self)) \(try row.decode("billable", as: Bool.self))"
            }
            #expect(rows == ["2026-03-02 90 Entwürfe; Runde 1 true", "2026-03-03 45 Standup false"])
        }
    }

    @Test func startAndEndTimesGiveTheDurationAcrossMidnight() async throws {
        try await withTimeApp { (world, client) async throws in
            let response = try await post(
                client, Self.common + "&column_start=Beginn&column_end=Ende&partial=true&dry_run=true", token: world.token(.member))
            let report = try response.object()
            #expect(report["imported"] as? Int == 2, "\(response.text)")
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect((rejected.first?["reason"] as? String)?.contains("Ende '13:00' is less than a minute") == true, "\(rejected)")
            #expect(try await world.count("time_entries") == 0, "a dry run writes nothing")
        }
    }

    @Test func anIncompleteOrMisplacedMappingIsRefusedNamingEveryParameter() async throws {
        try await withTimeApp { (world, client) async throws in
            let empty = try await post(client, "format=csv", token: world.token(.member))
            expectProblem(empty, .invalidInput)
            #expect(
                Set(try empty.problem().errors?.map(\.field) ?? [])
                    == ["column_date", "column_person", "column_project", "column_hours"], "\(empty.text)")
            let both = try await post(client, Self.common + "&column_hours=Stunden&column_start=Beginn&column_end=Ende", token: world.token(.member))
            expectProblem(both, .invalidInput)
            #expect(try both.problem().errors?.map(\.field) == ["column_hours"], "\(both.text)")
            // `common` already says date_order=dmy, and of a repeated query parameter the first
            // is read: the misplaced order replaces it rather than following it.
            let misplaced = Self.common.replacingOccurrences(of: "&date_order=dmy", with: "&date_order=yesterday")
            let half = try await post(client, misplaced + "&column_start=Beginn", token: world.token(.member))
            expectProblem(half, .invalidInput)
            #expect(Set(try half.problem().errors?.map(\.field) ?? []) == ["column_end", "date_order"], "\(half.text)")
            let harvest = try await post(client, "format=harvest&column_date=Datum", token: world.token(.member))
            expectProblem(harvest, .invalidInput)
            #expect(try harvest.problem().errors?.map(\.field) == ["column_date"], "\(harvest.text)")
            let wrongHeaders = try await post(
                client, "format=csv&column_date=Date&column_person=Who&column_project=Projekt&column_hours=Stunden", token: world.token(.member))
            let rejected = try #require(try wrongHeaders.object()["rejected"] as? [[String: Any]])
            #expect(rejected.first?["line"] as? Int == 1)
            #expect((rejected.first?["reason"] as? String)?.contains("Missing required columns: 'Date', 'Who'") == true, "\(rejected)")
        }
    }
}
