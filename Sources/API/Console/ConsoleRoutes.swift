import Hummingbird
import Services

/// The console (issue 19): server-rendered pages under `/app/` (staff) and `/portal/`
/// (client contacts), on the same services as the API. Their errors are pages
/// (``ConsoleErrorMiddleware``); they sign in with the API's session cookie.
enum ConsoleRoutes {
    /// Registers the console's routes on `router`. Call ``registerNotFound(on:services:environment:)``
    /// after every route of the router.
    static func register(on router: Router<SheafRequestContext>, services: ServiceSet, environment: AppEnvironment) {
        let session = ConsoleSession(secret: environment.configuration.linkSecret)
        let open = router.group()
            .add(middleware: ConsoleErrorMiddleware(session: session, auth: services.auth))
            .add(middleware: AuthMiddleware(auth: services.auth, publicURL: environment.configuration.publicURL))
        let app = open.group(context: AuthenticatedContext.self)
        ConsoleController(auth: services.auth, session: session).register(open: open, app: app)
        let week = WeekController(time: services.time, projects: services.projects, clock: environment.clock, session: session)
        week.register(on: app)
        ConsoleTimerController(timers: services.timers, week: week, clock: environment.clock, session: session).register(open: open, app: app)
        ConsoleExpensesController(expenses: services.expenses, projects: services.projects, clock: environment.clock, session: session)
            .register(on: app)
        ConsoleApprovalsController(approvals: services.approvals, session: session).register(on: app)
        ConsoleProjectsController(
            projects: services.projects, budgets: services.budgets, milestones: services.milestones, changeRequests: services.changeRequests,
            retainers: services.retainers, time: services.time, clock: environment.clock, publicURL: environment.configuration.publicURL,
            session: session
        ).register(on: app)
        ConsoleValidationsController(
            projects: services.projects, validations: services.validations, clock: environment.clock,
            publicURL: environment.configuration.publicURL, session: session
        ).register(on: app)
        ConsoleReportsController(reports: services.reports, clock: environment.clock, session: session).register(on: app)
        ConsoleInvoicingController(
            invoices: services.invoices, billable: services.billable, payments: services.payments, clients: services.clients,
            pdfs: services.invoicePDFs, clock: environment.clock, session: session
        ).register(on: app)
        ConsoleDraftingController(
            invoices: services.invoices, billable: services.billable, clients: services.clients, pdfs: services.invoicePDFs,
            clock: environment.clock, session: session
        ).register(on: app)
        ConsolePeriodsController(periods: services.periods, clients: services.clients, clock: environment.clock, session: session)
            .register(on: app)
        ConsoleUsersController(users: services.users, clients: services.clients, rates: services.rates, session: session).register(on: app)
        ConsoleTeamsController(teams: services.teams, users: services.users, session: session).register(on: app)
        ConsoleClientsController(clients: services.clients, session: session).register(on: app)
        ConsoleAgencyController(settings: services.settings, session: session).register(on: app)
        PortalController(
            projects: services.projects, budgets: services.budgets, milestones: services.milestones, validations: services.validations,
            invoices: services.invoices,
            documents: services.documents, pdfs: services.invoicePDFs, clock: environment.clock, session: session
        ).register(on: app)
    }

    /// The console's 404 page for unknown paths under `/app/` and `/portal/`.
    static func registerNotFound(on router: Router<SheafRequestContext>, services: ServiceSet, environment: AppEnvironment) {
        router.add(middleware: ConsoleNotFoundMiddleware(session: ConsoleSession(secret: environment.configuration.linkSecret), auth: services.auth))
    }
}
