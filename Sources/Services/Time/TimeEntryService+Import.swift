public import Domain
public import Foundation
import Postgres
import Storage

/// How to run a time import.
public struct TimeImportOptions: Sendable {
    public var format: TimeImportFormat
    /// Import the good rows even when others are rejected (default: all or nothing).
    public var partial: Bool
    /// Report what would happen and write nothing.
    public var dryRun: Bool
    /// The task, by name within each row's project, of rows that name none (Toggl and
    /// Clockify exports often have no task column).
    public var defaultTask: String?
    /// Which columns hold what, for the `csv` format (issue 16 item 3).
    public var columns: TimeColumnMapping?

    public init(
        format: TimeImportFormat, partial: Bool = false, dryRun: Bool = false, defaultTask: String? = nil, columns: TimeColumnMapping? = nil
    ) {
        self.format = format
        self.partial = partial
        self.dryRun = dryRun
        self.defaultTask = defaultTask
        self.columns = columns
    }
}

/// What an import did (or, in a dry run, would do).
public struct TimeImportReport: Sendable {
    public let format: TimeImportFormat
    public let dryRun: Bool
    public let partial: Bool
    /// Data rows read from the file.
    public let rows: Int
    /// Entries created (in a dry run: that would be created).
    public let imported: Int
    /// Lines that repeat an entry Sheaf already has (or an earlier line), not imported.
    public let duplicateLines: [Int]
    /// Lines not imported, with the reason, in line order.
    public let rejected: [ImportRejection]
    /// The entries created (empty in a dry run).
    public let entryIDs: [TimeEntryID]
}

extension TimeEntryService {
    /// Imports time entries from a time tracker's CSV export (or Sheaf's own). Rows are
    /// checked like a new entry (membership, active project, task, billable, 24 hours a
    /// day across the file and what is already logged); people are matched by email or
    /// name among active staff, projects by code or name, tasks by name. Only the admin
    /// imports other people's time. A row that repeats an existing entry (same external
    /// id or exported id, or the same person, project, task, date, minutes and note) is
    /// a duplicate and skipped. All or nothing unless `partial`; a dry run writes nothing.
    public func importCSV(_ data: Data, options: TimeImportOptions, caller: Caller) async throws -> TimeImportReport {
        try Self.checkImports(caller)
        let parsed = TimeImportParser.parse(data: data, format: options.format, columns: options.columns)
        return try await importRows(parsed, options: options, caller: caller)
    }

    /// Only active staff import time.
    static func checkImports(_ caller: Caller) throws(DomainError) {
        guard caller.actor.role.isStaff, caller.actor.isActive else {
            throw DomainError.forbidden("Client contacts cannot import time entries.")
        }
    }

    /// Imports the rows of a parsed file (CSV or XLSX) as ``importCSV(_:options:caller:)`` describes.
    func importRows(_ parsed: TimeImportResult, options: TimeImportOptions, caller: Caller) async throws -> TimeImportReport {
        let rowCount = parsed.rows.count + parsed.rejected.filter { $0.line > 1 }.count
        let now = clock.now()
        return try await pool.withTransaction { tx in
            var rejected = parsed.rejected
            let maxDaysAhead = try await settings.get(on: tx).maxDaysAhead
            let today = WorkDateRules.today(at: now, timeZone: caller.user.timeZone)
            let projects = try await targets.projects(
                codes: parsed.rows.compactMap(\.projectCode), names: parsed.rows.compactMap(\.projectName), on: tx)
            let matcher = TimeImportMatcher(
                staff: try await targets.activeStaff(on: tx), projects: projects,
                tasks: try await targets.tasks(of: projects.map(\.scope.id), on: tx))
            var candidates: [(line: Int, entry: TimeEntry)] = []
            for row in parsed.rows {
                var dateProblem: String?
                do throws(DomainError) {
                    try WorkDateRules.checkNotTooFarAhead(row.date, today: today, maxDaysAhead: maxDaysAhead)
                } catch {
                    dateProblem = "The date \(row.date) \(TimeImportMatcher.reason(error))"
                }
                do throws(TimeImportMatcher.Refusal) {
                    candidates.append(
                        (row.line, try candidate(
                            row, matcher: matcher, defaultTask: options.defaultTask, dateProblem: dateProblem, caller: caller, now: now)))
                } catch {
                    rejected.append(ImportRejection(line: row.line, reason: error.reason))
                }
            }
            if !options.dryRun { try await entries.lockDays(candidates.map { ($0.entry.userID, $0.entry.workDate) }, on: tx) }
            var existing: [TimeEntry] = []
            if let first = candidates.map(\.entry.workDate).min(), let last = candidates.map(\.entry.workDate).max() {
                existing = try await entries.entries(of: Array(Set(candidates.map(\.entry.userID))), from: first, to: last, on: tx)
            }
            let references = Array(Set(candidates.compactMap(\.entry.externalID)))
            var duplicates = ImportDuplicates(existing: existing, referenced: try await entries.entries(referencedBy: references, on: tx))
            var dayTotals: [String: Int] = [:]
            for entry in existing { dayTotals[ImportDuplicates.day(entry), default: 0] += entry.minutes }

            var accepted: [TimeEntry] = []
            var duplicateLines: [Int] = []
            for (line, entry) in candidates {
                if duplicates.contains(entry) {
                    duplicateLines.append(line)
                    continue
                }
                let day = ImportDuplicates.day(entry)
                do throws(DomainError) {
                    try DailyLimit.check(date: entry.workDate, existingMinutes: dayTotals[day] ?? 0, newMinutes: entry.minutes)
                } catch {
                    rejected.append(ImportRejection(line: line, reason: TimeImportMatcher.reason(error)))
                    continue
                }
                dayTotals[day, default: 0] += entry.minutes
                duplicates.remember(entry)
                accepted.append(entry)
            }
            rejected.sort { ($0.line, $0.reason) < ($1.line, $1.reason) }
            let commits = options.partial || rejected.isEmpty
            let writes = commits && !options.dryRun && !accepted.isEmpty
            let report = TimeImportReport(
                format: options.format, dryRun: options.dryRun, partial: options.partial, rows: rowCount,
                imported: commits ? accepted.count : 0, duplicateLines: duplicateLines, rejected: rejected,
                entryIDs: writes ? accepted.map(\.id) : [])
            if writes {
                for entry in accepted { try await entries.insert(entry, on: tx) }
                try await audit.append(
                    AuditEntry(
                        action: .timeEntriesImported, subjectType: .user, subjectID: caller.user.id.description,
                        after: try AuditJSON.timeImport(report)),
                    actor: caller.user.id, origin: caller.origin, on: tx)
            }
            return report
        }
    }

    /// The entry a row would create, or every reason it cannot (a person fixing the file
    /// should see all of a row's problems at once, not one per attempt).
    private func candidate(
        _ row: ImportedTimeRow, matcher: TimeImportMatcher, defaultTask: String?, dateProblem: String?, caller: Caller, now: Date
    ) throws(TimeImportMatcher.Refusal) -> TimeEntry {
        var reasons: [String] = dateProblem.map { [$0] } ?? []
        func attempt<T>(_ step: () throws(TimeImportMatcher.Refusal) -> T) -> T? {
            do throws(TimeImportMatcher.Refusal) { return try step() } catch {
                reasons.append(error.reason)
                return nil
            }
        }
        let person = attempt { () throws(TimeImportMatcher.Refusal) in try matcher.person(row) }
        let project = attempt { () throws(TimeImportMatcher.Refusal) in try matcher.project(row) }
        if let person, let project {
            if person.id != caller.user.id {
                if caller.actor.role != .admin { reasons.append("You can only import your own time; this row is for \(person.name).") }
            } else if !Policy.can(caller.actor, .logOwnTime, .project(project.scope)) {
                reasons.append("You cannot log time on the project \(project.name).")
            }
        }
        let task = project.flatMap { project in
            attempt { () throws(TimeImportMatcher.Refusal) in try matcher.task(row, of: project, defaultTask: defaultTask) }
        }
        if let external = row.externalID, external.count > TimeEntry.maximumExternalIDLength {
            reasons.append("The id is longer than \(TimeEntry.maximumExternalIDLength) characters.")
        }
        var validation = Validation()
        var minutes = row.minutes
        var note = row.note
        do throws(DomainError) { minutes = try TimeEntry.validMinutes(row.minutes) } catch { validation.add(contentsOf: error.fieldErrors) }
        do throws(DomainError) { note = try TimeEntry.validNote(row.note) } catch { validation.add(contentsOf: error.fieldErrors) }
        var billable = row.billable ?? false
        if let person, let project, let task {
            do throws(DomainError) {
                billable = try project.target(task: task).check(author: person.id, requestedBillable: row.billable)
            } catch {
                reasons.append(TimeImportMatcher.reason(error))
            }
        }
        reasons += validation.errors.map(\.message)
        guard reasons.isEmpty, let person, let project, let task else {
            throw .init(reason: reasons.joined(separator: "; "))
        }
        return TimeEntry(
            id: .random(), userID: person.id, projectID: project.scope.id, taskID: task.id, workDate: row.date,
            minutes: minutes, note: note, billable: billable, externalID: row.externalID, createdAt: now)
    }
}

/// Recognizes rows that repeat an entry: by exported id, by external id of the same
/// person, or by identical content (person, project, task, date, minutes, note).
struct ImportDuplicates {
    private var entryIDs: Set<String>
    private var externalIDs: Set<String>
    private let contents: Set<String>

    init(existing: [TimeEntry], referenced: [TimeEntry]) {
        entryIDs = Set(referenced.map(\.id.description))
        externalIDs = Set((existing + referenced).compactMap { entry in entry.externalID.map { "\(entry.userID)|\($0)" } })
        contents = Set(existing.map(Self.content))
    }

    static func content(_ entry: TimeEntry) -> String {
        "\(entry.userID)|\(entry.projectID)|\(entry.taskID)|\(entry.workDate)|\(entry.minutes)|\(entry.note)"
    }

    static func day(_ entry: TimeEntry) -> String { "\(entry.userID)|\(entry.workDate)" }

    func contains(_ entry: TimeEntry) -> Bool {
        if let external = entry.externalID {
            if entryIDs.contains(external.lowercased()) || externalIDs.contains("\(entry.userID)|\(external)") { return true }
        }
        return contents.contains(Self.content(entry))
    }

    /// Counts a row as imported, so a later line with the same external id is a duplicate.
    mutating func remember(_ entry: TimeEntry) {
        if let external = entry.externalID { externalIDs.insert("\(entry.userID)|\(external)") }
    }
}
