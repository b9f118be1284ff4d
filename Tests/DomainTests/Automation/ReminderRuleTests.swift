import Domain
import Testing

@Suite("Reminder rules")
struct ReminderRuleTests {
    @Test func defaultsAreMinusThreeZeroSevenThirtyWithEveryLanguage() {
        #expect(ReminderRule.defaults.map(\.offsetDays) == [-3, 0, 7, 30])
        #expect(ReminderRule.defaults.map(\.formalNotice) == [false, false, false, true])
        #expect(ReminderRule.problems(ReminderRule.defaults).isEmpty)
    }

    @Test func templatesAreFilled() {
        let template = ReminderRule.defaults[2].template(for: .nl)
        let text = ReminderTemplate.fill(template.subject, with: ["invoice_number": "2026-0007"])
        #expect(text == "Vervallen factuur 2026-0007")
    }

    @Test func badRulesAreReportedTogether() {
        var rule = ReminderRule.defaults[0]
        rule.offsetDays = 400
        rule.templates[.fr] = ReminderTemplate(subject: "Facture {numero}", body: "")
        rule.templates[.de] = nil
        let fields = Set(ReminderRule.problems([rule, ReminderRule.defaults[0], ReminderRule.defaults[0]]).map(\.field))
        #expect(fields.isSuperset(of: ["rules[0].offset_days", "rules[0].templates.fr.subject", "rules[0].templates.fr.body",
            "rules[0].templates.de", "rules[2].offset_days"]))
    }

    @Test func formalNoticeStatesRateFromTheDayAfterDueAndTheCompensation() {
        let text = LatePaymentTerms.paragraph(language: .fr, dueDate: LocalDate(year: 2026, month: 3, day: 31)!, rateBP: 1050)
        #expect(text.contains("2026-04-01"))
        #expect(text.contains("10.50 %"))
        #expect(text.contains("40,00 EUR"))
    }
}
