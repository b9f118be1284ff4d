extension Policy {
    /// Everything the server authorizes: one case per row of SPEC §3, plus reading
    /// and one's own account. Raw values are stable names for logs and audit events.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// See the subject: a user, team, client, project (and what is inside it),
        /// invoice, or someone's time entry or expense. On ``Subject/agency``: the
        /// agency's internal data (settings, team and user directories); staff only.
        case read = "read"
        /// Manage one's own account (profile, password, sessions); subject is the user.
        case manageOwnAccount = "manage_own_account"
        /// Log or edit one's own open time entries and expenses (row 1): a new one
        /// on ``Subject/project(_:)``, an existing one on ``Subject/ownResource(owner:project:)``.
        /// Whether the entry is still open is a workflow rule, not checked here.
        case logOwnTime = "log_own_time"
        /// Submit one's own week (row 2); subject ``Subject/user(_:)`` of oneself.
        case submitOwnWeek = "submit_own_week"
        /// Approve or reject time entries and expenses (row 3); subject the project
        /// or the entry.
        case approveTime = "approve_time"
        /// Ask the client to validate a period, or send a milestone or change request
        /// to them; subject the project.
        case requestClientValidation = "request_client_validation"
        /// Accept or reject a timesheet validation, a delivered milestone or a quoted change
        /// request (row 4), as the client; subject the project.
        case validateForClient = "validate_for_client"
        /// Record a client's decision on their behalf (admin only; the service must
        /// require a note); subject the project.
        case validateOnBehalfOfClient = "validate_on_behalf_of_client"
        /// Create, change, deactivate users and their sessions (row 5).
        case manageUsers = "manage_users"
        /// Create and change teams and their members and leads (row 5).
        case manageTeams = "manage_teams"
        /// Set cost and billable rates (user, project, project-member, task), re-rate (row 5).
        case manageRates = "manage_rates"
        /// Change agency settings, tax, reminder rules and webhooks (row 5).
        case manageSettings = "manage_settings"
        /// Read the audit trail.
        case readAuditTrail = "read_audit_trail"
        /// Import projects and tasks from other tools, and export the whole agency (issue 16 item 6).
        case moveAgencyData = "move_agency_data"
        /// See cost rates, margins and profitability (row 7).
        case seeCostRates = "see_cost_rates"
        /// Create clients (subject ``Subject/agency``) and change them and their contacts (row 6).
        case manageClients = "manage_clients"
        /// Create and change a project and its tasks, members, milestones, change
        /// requests and retainer (row 6); subject the project.
        case manageProject = "manage_project"
        /// See a project's budget progress (row 8); how much is shown comes from
        /// ``Policy/budgetDetail(_:_:)``.
        case readBudget = "read_budget"
        /// Read a team's utilization and missing-time reports (subject the team;
        /// agency-wide reports on ``Subject/agency``).
        case readTeamReports = "read_team_reports"
        /// Create and edit draft invoices (row 9).
        case createInvoice = "create_invoice"
        /// Issue an invoice, which numbers and freezes it (row 9).
        case issueInvoice = "issue_invoice"
        /// Credit an issued invoice with a credit note (row 9).
        case creditInvoice = "credit_invoice"
        /// Record a payment (row 9).
        case recordPayment = "record_payment"
        /// Close or reopen a client's period.
        case closePeriod = "close_period"
        /// See unbilled work, the "ready to invoice" queue.
        case readUnbilledWork = "read_unbilled_work"
        /// Read the agency's receivables and revenue reports (issue 15).
        case readFinancialReports = "read_financial_reports"

        /// The 403 sentence shown when the action is denied.
        var refusal: String {
            "Your role does not allow you to \(summary)."
        }

        private var summary: String {
            switch self {
            case .read: "see this"
            case .manageOwnAccount: "manage another user's account"
            case .logOwnTime: "log or edit time and expenses here"
            case .submitOwnWeek: "submit this week"
            case .approveTime: "approve or reject time and expenses here"
            case .requestClientValidation: "ask the client to validate work here"
            case .validateForClient: "validate on behalf of the client"
            case .validateOnBehalfOfClient: "record a client's decision on their behalf"
            case .manageUsers: "manage users"
            case .manageTeams: "manage teams"
            case .manageRates: "manage rates"
            case .manageSettings: "change the agency's settings"
            case .readAuditTrail: "read the audit trail"
            case .moveAgencyData: "import or export the agency's data"
            case .seeCostRates: "see cost rates, margins or profitability"
            case .manageClients: "manage this client"
            case .manageProject: "manage this project"
            case .readBudget: "see this budget"
            case .readTeamReports: "read these reports"
            case .createInvoice: "create invoices"
            case .issueInvoice: "issue invoices"
            case .creditInvoice: "credit invoices"
            case .recordPayment: "record payments"
            case .closePeriod: "close periods"
            case .readUnbilledWork: "see unbilled work"
            case .readFinancialReports: "read the agency's receivables and revenue"
            }
        }
    }
}
