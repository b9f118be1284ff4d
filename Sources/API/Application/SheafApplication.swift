import Foundation
import HummingbirdCore
public import Hummingbird
import HummingbirdTLS
public import Logging
public import NIOSSL
public import Postgres
public import Services
import Domain

/// Everything the application needs from outside: built by `sheaf serve`, or by tests
/// with a test database, a controllable clock and a low bcrypt cost.
public struct AppEnvironment: Sendable {
    public var configuration: SheafConfiguration
    public var pool: PostgresPool
    public var metrics: SheafMetrics
    public var logger: Logger
    public var clock: any WallClock
    public var hasher: PasswordHasher
    /// The PDF renderer of invoice documents; nil: PDFs are not rendered (the PDF route
    /// answers 503 for a document without a stored PDF). `sheaf serve` looks for
    /// `weasyprint` on PATH; tests pass one when they are about PDFs.
    public var pdfRenderer: WeasyPrintRenderer?
    /// Where read-only reports read: the standby of `SHEAF_REPORTS_DATABASE_URL` with
    /// fallback to `pool`; by default `pool` alone.
    public var reports: ReportDatabase
    /// The jobs the runner of `sheaf serve` runs, as `GET /jobs` lists them.
    public var jobs: JobRegistry
    /// How e-mails leave (issue 14 item 4): `SHEAF_SENDMAIL`, or the system's sendmail;
    /// nil: none, e-mail deliveries wait in the outbox. Tests pass msmtp to an SMTP sink.
    public var mailTransport: SendmailTransport?

    public init(
        configuration: SheafConfiguration, pool: PostgresPool, metrics: SheafMetrics = SheafMetrics(), logger: Logger,
        clock: any WallClock = SystemClock(), hasher: PasswordHasher, pdfRenderer: WeasyPrintRenderer? = nil,
        reports: ReportDatabase? = nil
    ) {
        self.pdfRenderer = pdfRenderer
        self.reports = reports ?? ReportDatabase(primary: pool)
        self.mailTransport = SendmailTransport.configured(command: configuration.sendmailCommand)
        self.configuration = configuration
        self.pool = pool
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.hasher = hasher
        self.jobs = AutomationJobs.standard(
            pool: pool, clock: clock,
            sessionLifetime: SessionLifetime(idleTimeout: configuration.sessionIdleTimeout, absoluteLifetime: configuration.sessionLifetime),
            linkSecret: configuration.linkSecret, publicURL: configuration.publicURL, logger: logger)
    }
}

/// The use cases, built once per application.
struct ServiceSet: Sendable {
    let auth: AuthService
    let users: UserService
    let rates: RateService
    let teams: TeamService
    let settings: SettingsService
    let auditTrail: AuditTrailService
    let time: TimeEntryService
    let timers: TimerService
    let clients: ClientService
    let projects: ProjectService
    let projectImports: ProjectImportService
    let agencyExport: AgencyExportService
    let trelloImports: TrelloImportService
    let validations: ClientValidationService
    let expenses: ExpenseService
    let approvals: ApprovalService
    let milestones: MilestoneService
    let invoices: InvoiceService
    let documents: InvoiceDocumentService
    let invoicePDFs: InvoicePDFService
    let billable: BillableService
    let payments: PaymentService
    let periods: PeriodService
    let changeRequests: ChangeRequestService
    let budgets: BudgetService
    let reports: ReportService
    let retainers: RetainerService
    let idempotency: IdempotencyService
    let webhooks: WebhookService
    let jobs: JobService
    let dunning: DunningSettingsService
    let summaries: ProjectSummaryService
    let invoiceMail: InvoiceMailService
    let notifications: NotificationSettingsService

    init(_ environment: AppEnvironment) {
        let lifetime = SessionLifetime(
            idleTimeout: environment.configuration.sessionIdleTimeout, absoluteLifetime: environment.configuration.sessionLifetime)
        auth = AuthService(pool: environment.pool, clock: environment.clock, hasher: environment.hasher, lifetime: lifetime)
        users = UserService(pool: environment.pool, clock: environment.clock, hasher: environment.hasher)
        rates = RateService(pool: environment.pool, clock: environment.clock)
        teams = TeamService(pool: environment.pool, clock: environment.clock)
        settings = SettingsService(pool: environment.pool)
        auditTrail = AuditTrailService(pool: environment.pool)
        time = TimeEntryService(pool: environment.pool, clock: environment.clock, reports: environment.reports)
        timers = TimerService(pool: environment.pool, clock: environment.clock, time: time)
        expenses = ExpenseService(pool: environment.pool, clock: environment.clock)
        clients = ClientService(pool: environment.pool, clock: environment.clock, accounts: users)
        projects = ProjectService(pool: environment.pool, clock: environment.clock)
        projectImports = ProjectImportService(pool: environment.pool, clock: environment.clock)
        agencyExport = AgencyExportService(pool: environment.pool, clock: environment.clock)
        trelloImports = TrelloImportService(pool: environment.pool, clock: environment.clock)
        retainers = RetainerService(pool: environment.pool, clock: environment.clock, reports: environment.reports)
        validations = ClientValidationService(
            pool: environment.pool, clock: environment.clock, linkSecret: environment.configuration.linkSecret)
        approvals = ApprovalService(pool: environment.pool, time: time, expenses: expenses)
        milestones = MilestoneService(pool: environment.pool, clock: environment.clock, linkSecret: environment.configuration.linkSecret)
        invoices = InvoiceService(pool: environment.pool, clock: environment.clock)
        let documents = InvoiceDocumentService(pool: environment.pool, clock: environment.clock)
        self.documents = documents
        // The PDF of record carries the UBL e-invoice as its attachment (issue 13 item 3).
        invoicePDFs = InvoicePDFService(
            pool: environment.pool, invoices: invoices, renderer: environment.pdfRenderer,
            ubl: { invoice, pool in try await documents.ublData(for: invoice, on: pool) }, logger: environment.logger)
        billable = BillableService(pool: environment.pool, clock: environment.clock)
        payments = PaymentService(pool: environment.pool, clock: environment.clock)
        periods = PeriodService(pool: environment.pool, clock: environment.clock)
        changeRequests = ChangeRequestService(
            pool: environment.pool, clock: environment.clock, linkSecret: environment.configuration.linkSecret)
        budgets = BudgetService(pool: environment.pool, reports: environment.reports)
        reports = ReportService(pool: environment.pool, clock: environment.clock, reports: environment.reports)
        idempotency = IdempotencyService(pool: environment.pool, secret: environment.configuration.linkSecret)
        webhooks = WebhookService(pool: environment.pool, clock: environment.clock, policy: environment.configuration.webhookPolicy)
        jobs = JobService(pool: environment.pool, registry: environment.jobs)
        dunning = DunningSettingsService(pool: environment.pool)
        summaries = ProjectSummaryService(
            pool: environment.pool, clock: environment.clock, linkSecret: environment.configuration.linkSecret)
        invoiceMail = InvoiceMailService(pool: environment.pool, clock: environment.clock)
        notifications = NotificationSettingsService(pool: environment.pool)
    }
}

/// The composition root: every route and middleware, in one place.
public func buildRouter(_ environment: AppEnvironment) throws -> Router<SheafRequestContext> {
    let configuration = environment.configuration
    let router = Router(context: SheafRequestContext.self)
    // Outermost first: the request id is on every log line and response; the access log
    // and metrics see the final status (after errors became problems); the body limit
    // runs before any handler.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: configuration.tlsEnabled))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: environment.metrics))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: QueryGuardMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies, tlsEnabled: configuration.tlsEnabled))
    router.add(
        middleware: BodyLimitMiddleware(
            maxBytes: configuration.maxBodyBytes, receiptMaxBytes: configuration.maxReceiptBytes,
            importMaxBytes: configuration.maxImportBytes))

    let readiness = try ReadinessService(pool: environment.pool, logger: environment.logger)
    HealthController(
        pool: environment.pool, reports: environment.reports, readiness: readiness, metrics: environment.metrics, metricsAllowed: configuration.metricsAllowed).register(on: router)
    OpenAPIController().register(on: router)

    let services = ServiceSet(environment)
    // Anyone may call the routes of `open`; every route of `api` needs a session: its
    // context is made only from an authenticated request (401 otherwise).
    let open = router.group("/api/v1")
        .add(middleware: AuthMiddleware(auth: services.auth, publicURL: configuration.publicURL))
    let api = open.group(context: AuthenticatedContext.self)
        .add(middleware: IdempotencyMiddleware(idempotency: services.idempotency))
    SessionsController(auth: services.auth).register(open: open, authenticated: api)
    UsersController(users: services.users).register(on: api)
    UserRatesController(rates: services.rates).register(on: api)
    TeamsController(teams: services.teams).register(on: api)
    TeamMembersController(teams: services.teams).register(on: api)
    SettingsController(settings: services.settings).register(on: api)
    AuditEventsController(auditTrail: services.auditTrail).register(on: api)
    TimeEntriesController(time: services.time).register(on: api)
    TimesheetsController(time: services.time).register(on: api)
    TimerController(timers: services.timers, clock: environment.clock).register(on: api)
    ApprovalsController(approvals: services.approvals).register(on: api)
    TimeReportsController(time: services.time).register(on: api)
    TimeEntriesCSVController(time: services.time).register(on: api)
    TimeEntriesXLSXController(time: services.time).register(on: api)
    ExpensesController(expenses: services.expenses).register(on: api)
    ExpenseReceiptsController(expenses: services.expenses).register(on: api)
    ExpensesCSVController(expenses: services.expenses).register(on: api)
    ExpensesXLSXController(expenses: services.expenses).register(on: api)
    ClientsController(clients: services.clients).register(on: api)
    ClientContactsController(clients: services.clients).register(on: api)
    ProjectsController(projects: services.projects).register(on: api)
    ProjectMembersController(projects: services.projects).register(on: api)
    ProjectTasksController(projects: services.projects).register(on: api)
    ProjectRatesController(projects: services.projects).register(on: api)
    ProjectImportController(imports: services.projectImports).register(on: api)
    AgencyExportController(export: services.agencyExport).register(on: api)
    TrelloImportController(imports: services.trelloImports).register(on: api)
    ValidationsController(validations: services.validations, publicURL: configuration.publicURL).register(on: api)
    ValidationLinksController(validations: services.validations).register(on: open)
    MilestonesController(milestones: services.milestones, publicURL: configuration.publicURL).register(on: api)
    ChangeRequestsController(changes: services.changeRequests, publicURL: configuration.publicURL).register(on: api)
    ProjectBudgetController(budgets: services.budgets).register(on: api)
    RetainersController(retainers: services.retainers).register(on: api)
    InvoicesController(
        invoices: services.invoices, billable: services.billable, payments: services.payments, periods: services.periods,
        pdfs: services.invoicePDFs
    )
    .register(on: api)
    InvoiceDocumentsController(invoices: services.invoices, pdfs: services.invoicePDFs).register(on: api)
    InvoicesCSVController(invoices: services.invoices).register(on: api)
    InvoicesXLSXController(invoices: services.invoices).register(on: api)
    InvoiceUBLController(documents: services.documents).register(on: api)
    RetainerReportsController(retainers: services.retainers).register(on: api)
    ReportsController(reports: services.reports).register(on: api)
    WebhooksController(webhooks: services.webhooks).register(on: api)
    WebhookDeliveriesController(webhooks: services.webhooks).register(on: api)
    JobsController(jobs: services.jobs).register(on: api)
    DunningSettingsController(dunning: services.dunning).register(on: api)
    LateChargesController(invoices: services.invoices, pdfs: services.invoicePDFs).register(on: api)
    ProjectSummaryController(summaries: services.summaries).register(on: api)
    InvoiceMailController(mail: services.invoiceMail, pdfs: services.invoicePDFs).register(on: api)
    NotificationSettingsController(notifications: services.notifications).register(on: api)
    ConsoleRoutes.register(on: router, services: services, environment: environment)
    // Last: it then wraps only the not-found responder (see the type).
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes.map { ($0.path, $0.method) }))
    ConsoleRoutes.registerNotFound(on: router, services: services, environment: environment)
    return router
}

/// The HTTP(S) application for `configuration`.
public func buildApplication(_ environment: AppEnvironment) throws -> some ApplicationProtocol {
    let configuration = environment.configuration
    let router = try buildRouter(environment)
    let server: HTTPServerBuilder
    if let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath {
        let tls = try makeTLSConfiguration(certificatePath: certificatePath, keyPath: keyPath)
        server = HTTPServerBuilder { responder in
            PlainHTTPRefusingChannel(
                base: try TLSChannel(HTTP1Channel(responder: responder, configuration: drainingHTTP1Configuration()), tlsConfiguration: tls))
        }
    } else {
        server = .http1(configuration: drainingHTTP1Configuration())
    }
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sheaf"),
        logger: environment.logger
    )
}

/// Server TLS from PEM files, TLS 1.2 at least.
public func makeTLSConfiguration(certificatePath: String, keyPath: String) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
    let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
    var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv12
    // When we close a connection we send close_notify and do not wait for the client's:
    // every answer has reached the socket before we close (GracefulDrainHandler), and an
    // idle keep-alive client that is not reading would otherwise hold a graceful
    // shutdown for the default 5 s.
    tls.shutdownTimeout = .zero
    return tls
}
