/// How the profitability report groups its lines (`group_by`, issue 15 item 2).
public enum ProfitabilityGrouping: String, CaseIterable, Sendable, Hashable {
    case project
    case client
    case person
    case month
}
