import Domain
import Foundation
import Testing

@Suite struct ProjectRulesTests {
    static func project(
        code: String = "WEB-1", model: BillingModel = .timeAndMaterials, budget: Int? = nil, amount: Money? = nil, contract: Money? = nil
    ) -> Project {
        Project(
            id: .random(), clientID: .random(), teamID: .random(), name: "Website", code: code, status: .active, billingModel: model,
            currency: .eur, budgetMinutes: budget, budgetAmount: amount, contractAmount: contract, requiresClientValidation: false,
            version: 1, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [
        ("WEB-1", true), ("a", true), ("v2.0_beta", true), ("9", true), (String(repeating: "x", count: 32), true),
        ("", false), ("-web", false), ("web 1", false), ("wéb", false), (String(repeating: "x", count: 33), false), ("a/b", false),
    ])
    func projectCodesHaveAFixedShape(code: String, valid: Bool) {
        #expect(Project.isCode(code) == valid)
    }

    @Test func everyBrokenRuleIsReportedAtOnce() {
        let broken = Self.project(
            code: "-", budget: 0, amount: Money(amountMinor: 100, currency: .usd), contract: Money(amountMinor: 0, currency: .eur))
        #expect(
            broken.problems.map(\.field) == [
                "code", "budget_minutes", "budget_amount.currency", "contract_amount.amount_minor", "contract_amount",
            ])
        #expect(Self.project(model: .fixedPrice, budget: 60, contract: Money(amountMinor: 5, currency: .eur)).problems == [])
    }

    @Test func aFixedPriceProjectsMoneyBaselineIsItsContractUnlessABudgetAmountIsSet() {
        let contract = Money(amountMinor: 1_000_000, currency: .eur)
        let budget = Money(amountMinor: 800_000, currency: .eur)
        #expect(Self.project(model: .fixedPrice, contract: contract).baselineAmount == contract)
        #expect(Self.project(model: .fixedPrice, amount: budget, contract: contract).baselineAmount == budget)
        #expect(Self.project(model: .timeAndMaterials).baselineAmount == nil)
        #expect(Self.project(model: .timeAndMaterials, amount: budget).baselineAmount == budget)
        #expect(Self.project(model: .retainer, contract: contract).baselineAmount == nil)
    }

    @Test func budgetsAreShownAsFarAsTheDetailAllows() {
        let project = Self.project(model: .fixedPrice, budget: 600, amount: Money(amountMinor: 9, currency: .eur), contract: Money(amountMinor: 5, currency: .eur))
        #expect(project.visible(with: .full) == project)
        #expect(project.visible(with: .hoursAndMoneyBilled) == project)
        let hours = project.visible(with: .hoursOnly)
        #expect(hours.budgetMinutes == 600 && hours.budgetAmount == nil && hours.contractAmount == nil)
        let none = project.visible(with: nil)
        #expect(none.budgetMinutes == nil && none.budgetAmount == nil && none.contractAmount == nil)
    }

    @Test(arguments: [
        (DurationInput.minutes(90), 90), (.hours("1.5"), 90), (.hours("1,25"), 75), (.hours("0.01"), 1), (.hours("0.02"), 1),
        (.hours("0.03"), 2), (.hours("8"), 480),
    ])
    func durationsBecomeWholeMinutes(input: DurationInput, minutes: Int) throws {
        #expect(try input.minutes(name: "budget") == minutes)
    }

    @Test(arguments: [
        (DurationInput.minutes(0), "budget_minutes"), (.minutes(-5), "budget_minutes"), (.minutes(3_000_000_000), "budget_minutes"),
        (.hours("0"), "budget_hours"), (.hours("-1"), "budget_hours"), (.hours("1.234"), "budget_hours"), (.hours("lots"), "budget_hours"),
        (.hours("99999999"), "budget_hours"),
    ])
    func badDurationsNameTheFieldGiven(input: DurationInput, field: String) {
        expectDomainError(.invalid(fields: [field])) { try input.minutes(name: "budget") }
    }

    @Test func aProjectRateFeedsTheResolverAtItsLevel() throws {
        let project = ProjectID.random()
        let task = TaskID.random()
        let user = UserID.random()
        let day = try #require(LocalDate(iso: "2026-04-01"))
        var resolver = RateResolver()
        resolver.add(
            ProjectRate(
                id: .random(), projectID: project, target: .task(task), effectiveFrom: ProjectRate.beginning,
                rate: try HourlyRate(scaled: 1_000_000, currency: .eur)))
        resolver.add(
            ProjectRate(
                id: .random(), projectID: project, target: .member(user), effectiveFrom: day,
                rate: try HourlyRate(scaled: 950_000, currency: .eur)))
        #expect(resolver.resolveBillable(on: day, task: task, project: project, user: user)?.level == .task)
        #expect(resolver.resolveBillable(on: day, task: nil, project: project, user: user)?.level == .projectMember)
        #expect(resolver.resolveBillable(on: try #require(LocalDate(iso: "2026-03-31")), task: nil, project: project, user: user) == nil)
    }
}
