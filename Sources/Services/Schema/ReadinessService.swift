public import Logging
public import Postgres
import Storage

/// Whether this instance can serve: the database answers and its schema is exactly the
/// one built into this binary (`/readyz`).
public struct ReadinessService: Sendable {
    /// Why the instance is not ready.
    public enum Status: Sendable, Equatable {
        case ready
        /// The database answers but its applied migrations differ; a sentence for operators.
        case schemaNotCurrent(String)
        /// The database does not answer.
        case databaseUnavailable
    }

    let pool: PostgresPool
    let migrator: Migrator

    /// - Throws: when the bundled migrations cannot be read (a broken build).
    public init(pool: PostgresPool, logger: Logger) throws {
        self.pool = pool
        self.migrator = Migrator(migrations: try Migration.bundled(), logger: logger)
    }

    public func check(logger: Logger) async -> Status {
        do {
            try await migrator.requireCurrent(on: pool)
            return .ready
        } catch let error as MigrationError {
            logger.warning("not ready: schema differs", metadata: ["reason": "\(error)"])
            return .schemaNotCurrent(error.description)
        } catch {
            logger.warning("not ready: database unreachable", metadata: ["error": "\(error)"])
            return .databaseUnavailable
        }
    }
}
