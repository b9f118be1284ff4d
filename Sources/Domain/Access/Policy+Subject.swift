extension Policy {
    /// What an action is done to, carrying the facts the rules need.
    public enum Subject: Hashable, Sendable {
        /// The agency as a whole: settings, directories, agency-wide lists, creating things.
        case agency
        /// One user (collaborator or client contact).
        case user(UserID)
        /// One team.
        case team(TeamID)
        /// One client.
        case client(ClientScope)
        /// One project, or anything inside it (task, milestone, change request,
        /// retainer, validation request). For creating a project, its future scope.
        case project(ProjectScope)
        /// One invoice or credit note.
        case invoice(InvoiceScope)
        /// An existing time entry or expense of `owner` on `project`.
        ///
        /// To log a new one, check ``Action/logOwnTime`` on ``project(_:)`` instead,
        /// so that a project the actor may not see answers 404; moving an entry to
        /// another project needs that check on the new project too.
        case ownResource(owner: UserID, project: ProjectScope)

        /// The noun used when the subject must be reported as not found.
        public var entityName: String {
            switch self {
            case .agency: "agency"
            case .user: "user"
            case .team: "team"
            case .client: "client"
            case .project: "project"
            case .invoice: "invoice"
            case .ownResource: "entry"
            }
        }

        /// The project the subject belongs to, if any.
        var project: ProjectScope? {
            switch self {
            case .project(let project), .ownResource(_, let project): project
            case .agency, .user, .team, .client, .invoice: nil
            }
        }
    }
}
