extension Policy {
    /// The rules of SPEC §3, for an active actor.
    static func isAllowed(_ actor: Actor, _ action: Action, _ subject: Subject) -> Bool {
        let isAdmin = actor.role == .admin
        switch action {
        case .read:
            return canRead(actor, subject)

        case .manageOwnAccount:
            return subject == .user(actor.userID)

        case .submitOwnWeek:
            return actor.role.isStaff && subject == .user(actor.userID)

        case .logOwnTime:
            // Admins log anywhere; managers on the projects they lead or are
            // assigned to; members on the projects they are assigned to.
            switch subject {
            case .project(let project):
                return isAdmin || actor.leads(project) || actor.belongs(to: project)
            case .ownResource(let owner, let project):
                return owner == actor.userID && (isAdmin || actor.leads(project) || actor.belongs(to: project))
            default:
                return false
            }

        case .approveTime:
            guard let project = subject.project else { return false }
            return isAdmin || actor.leads(project)

        case .manageProject, .requestClientValidation:
            guard case .project(let project) = subject else { return false }
            return isAdmin || actor.leads(project)

        case .validateForClient:
            guard case .project(let project) = subject else { return false }
            return actor.isContact(of: project.clientID)

        case .validateOnBehalfOfClient:
            guard case .project = subject else { return false }
            return isAdmin

        case .manageClients:
            switch subject {
            case .agency: return isAdmin || actor.role == .manager
            case .client(let client): return isAdmin || actor.leadsAny(of: client.projectTeamIDs)
            default: return false
            }

        case .readBudget:
            guard case .project(let project) = subject else { return false }
            return budgetDetail(actor, project) != nil

        case .readTeamReports:
            switch subject {
            case .agency: return isAdmin
            case .team(let team): return isAdmin || actor.leads(team: team)
            default: return false
            }

        case .manageUsers, .manageTeams, .manageRates, .manageSettings, .readAuditTrail, .moveAgencyData,
            .seeCostRates, .createInvoice, .issueInvoice, .creditInvoice, .recordPayment,
            .closePeriod, .readUnbilledWork, .readFinancialReports:
            return isAdmin
        }
    }

    /// Whether `actor` may see `subject` at all.
    static func canRead(_ actor: Actor, _ subject: Subject) -> Bool {
        let isAdmin = actor.role == .admin
        switch subject {
        case .agency, .team:
            return actor.role.isStaff
        case .user(let user):
            return actor.role.isStaff || user == actor.userID
        case .client(let client):
            return actor.role.isStaff || actor.isContact(of: client.id)
        case .project(let project):
            return isAdmin || actor.leads(project) || actor.belongs(to: project)
                || actor.isInTeam(of: project) || actor.isContact(of: project.clientID)
        case .invoice(let invoice):
            return isAdmin || actor.leadsAny(of: invoice.projectTeamIDs)
                || (invoice.isIssued && actor.isContact(of: invoice.clientID))
        case .ownResource(let owner, let project):
            return (actor.role.isStaff && owner == actor.userID) || isAdmin || actor.leads(project)
                || actor.isContact(of: project.clientID)
        }
    }

    /// Whether `actor` may learn that `subject` exists; when not, a refusal is a 404.
    /// The agency always exists.
    static func mayKnowOf(_ actor: Actor, _ subject: Subject) -> Bool {
        subject == .agency || canRead(actor, subject)
    }
}
