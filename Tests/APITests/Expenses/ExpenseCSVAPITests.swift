import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ExpenseCSVAPITests {
    @Test func theExportHoldsWhatTheCallerMaySeeWithFormulasNeutralized() async throws {
        try await withExpenseApp { (world, client) async throws in
            let approved = try await world.insertExpense("2026-03-02", status: "approved", note: #"=HYPERLINK("http://evil.example","x")"#)
            try await world.insertReceipt(on: approved)
            try await world.insertExpense("2026-03-03", category: "software_licence", note: "Figma, \"pro\" seat")
            try await world.insertExpense("2026-03-04", project: world.work.otherProjectID, status: "approved")

            let response = try await client.call(.get, "/api/v1/exports/expenses.csv?to=2026-03-03", token: world.token(.admin))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == #"attachment; filename="expenses.csv""#)
            let lines = response.text.components(separatedBy: "\r\n")
            #expect(lines[0] == ExpenseCSV.header.joined(separator: ","))
            #expect(lines.count == 4, "header, two rows, final CRLF: \(response.text)")
            let code = try await world.projectCode()
            #expect(
                lines[1]
                    == "\(approved),2026-03-02,member@agency.test,Mia Member,Client A,\(code),Website relaunch,travel,EUR,120.00,10.00,true,132.00,20.00,26.40,approved,1,"
                    + #""'=HYPERLINK(""http://evil.example"",""x"")""#)
            #expect(lines[2].hasSuffix(#",software_licence,EUR,120.00,10.00,true,132.00,20.00,26.40,open,0,"Figma, ""pro"" seat""#))

            let filtered = try await client.call(.get, "/api/v1/exports/expenses.csv?category=software_licence", token: world.token(.admin))
            #expect(filtered.text.components(separatedBy: "\r\n").count == 3)
            #expect(try await client.call(.get, "/api/v1/exports/expenses.csv?category=food", token: world.token(.admin)).status == .unprocessableContent)
        }
    }

    @Test func aClientContactExportsOnlyTheirSignedOffExpensesWithoutInternalFields() async throws {
        try await withExpenseApp { (world, client) async throws in
            let approved = try await world.insertExpense(status: "approved")
            try await world.insertExpense()
            try await world.insertExpense(project: world.work.otherProjectID, status: "approved")
            let response = try await client.call(.get, "/api/v1/exports/expenses.csv", token: world.token(.client))
            #expect(response.status == .ok)
            let lines = response.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 2)
            #expect(lines[1].hasPrefix(approved.description))
            #expect(lines[1].contains(",travel,EUR,,,true,132.00,20.00,26.40,approved,0,"), "no amount or markup: \(lines[1])")
        }
    }
}
