import Foundation

/// The reports of issue 15 as the tests read them (keys in snake_case on the wire).
struct DurationBody: Decodable, Equatable {
    let minutes: Int
    let hours: String
}

struct ProfitabilityBody: Decodable {
    struct Line: Decodable {
        struct Revenue: Decodable {
            let invoiced: MoneyBody
            let credited: MoneyBody
            let net: MoneyBody
            let unbilled: MoneyBody
        }

        struct Labour: Decodable {
            let time: DurationBody
            let billable: DurationBody
            let cost: MoneyBody
            let unknownCostEntries: Int
            let unknownCostTime: DurationBody
        }

        struct Expenses: Decodable {
            let nonRechargeable: MoneyBody
            let rechargeablePassThrough: MoneyBody
            let markup: MoneyBody
            let actual: MoneyBody
            let planned: MoneyBody?
        }

        let key: String?
        let label: String?
        let currency: String
        let revenue: Revenue
        let labour: Labour
        let expenses: Expenses
        let cost: MoneyBody
        let margin: MoneyBody
        let marginPercent: String?
        let marginComplete: Bool
        let estimated: DurationBody?
    }

    let groupBy: String
    let counts: String
    let lines: [Line]
    let totals: [Line]
}

struct UtilizationBody: Decodable {
    struct Week: Decodable {
        let week: String
        let from: String
        let to: String
        let workingDays: Int
        let target: DurationBody
        let billable: DurationBody
        let nonBillable: DurationBody
        let missing: DurationBody
        let missingDays: Int
        let utilizationPercent: String?
    }

    struct Person: Decodable {
        let userId: String
        let name: String
        let target: DurationBody
        let billable: DurationBody
        let missing: DurationBody
        let missingDays: Int
        let utilizationPercent: String?
        let weeks: [Week]
    }

    let people: [Person]
    let nextCursor: String?
}

struct BucketsBody: Decodable {
    let notDue: MoneyBody?
    let days0To30: MoneyBody?
    let days1To30: MoneyBody?
    let days31To60: MoneyBody
    let days61To90: MoneyBody
    let over90: MoneyBody

    /// `days_1_30` arrives as `days130` once converted from snake case.
    enum CodingKeys: String, CodingKey {
        case notDue, days0To30 = "days030", days1To30 = "days130", days31To60 = "days3160", days61To90 = "days6190", over90
    }
}

struct ReceivablesBody: Decodable {
    struct Client: Decodable {
        let clientId: String
        let currency: String
        let openInvoices: Int
        let buckets: BucketsBody
        let total: MoneyBody
        let averageDaysToPay: String?
        let settledInvoices: Int
    }

    struct Total: Decodable {
        let currency: String
        let count: Int
        let total: MoneyBody
    }

    struct Delay: Decodable {
        let clientId: String
        let settledInvoices: Int
        let averageDaysToPay: String?
    }

    let asOf: String
    let clients: [Client]
    let totals: [Total]
    let paymentDelays: [Delay]
}

struct UnbilledBody: Decodable {
    struct Line: Decodable {
        let clientId: String
        let projectId: String
        let currency: String
        let items: Int
        let buckets: BucketsBody
        let total: MoneyBody
    }

    struct Total: Decodable {
        let currency: String
        let count: Int
        let total: MoneyBody
    }

    let lines: [Line]
    let totals: [Total]
}

struct RevenueBody: Decodable {
    struct Figures: Decodable {
        let month: String?
        let clientId: String?
        let currency: String
        let invoiced: MoneyBody
        let credited: MoneyBody
        let net: MoneyBody
        let collected: MoneyBody
    }

    let months: [Figures]
    let clients: [Figures]
    let totals: [Figures]
}

struct BudgetReportBody: Decodable {
    struct Line: Decodable {
        let id: String
        let name: String
        let time: DurationBody
        let value: MoneyBody?
        let cost: MoneyBody?
        let unknownCostEntries: Int?
    }

    struct Burn: Decodable {
        let weeklyTime: DurationBody
        let weeklyValue: MoneyBody?
    }

    struct Forecast: Decodable {
        let basis: String?
        let remainingTime: DurationBody?
        let completionDate: String?
        let amountAtCompletion: MoneyBody?
    }

    struct FixedPrice: Decodable {
        let contractAmount: MoneyBody?
        let invoiced: MoneyBody
    }

    let asOf: String
    let burn: Burn
    let forecast: Forecast
    let tasks: [Line]
    let people: [Line]
    let fixedPrice: FixedPrice?
}
