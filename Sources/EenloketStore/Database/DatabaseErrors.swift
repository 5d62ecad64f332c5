import EenloketDomain
import Logging
import PostgresNIO

/// Turns PostgreSQL failures into what the client should hear.
///
/// A violated constraint that the request could have caused is the client's
/// fault (409 or 422). The database being unreachable, overloaded, shut down
/// or too slow is a 503 (try again). Anything else (a query PostgreSQL
/// refuses, a row that does not decode) is a bug: a 500, logged at critical.
public enum DatabaseErrors {
    /// The SQLSTATE of a server error, if it is one.
    public static func sqlState(_ error: any Error) -> String? {
        (unwrap(error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The constraint a server error names, if any.
    public static func constraint(_ error: any Error) -> String? {
        (unwrap(error) as? PSQLError)?.serverInfo?[.constraintName]
    }

    /// Whether the error is a unique violation (of a given constraint, when named).
    public static func isUniqueViolation(_ error: any Error, constraint name: String? = nil) -> Bool {
        sqlState(error) == "23505" && (name == nil || constraint(error) == name)
    }

    /// An error in words that hold no data (for a stored `last_error`): the
    /// SQLSTATE of a server error, the case of an `AppError`, else the type.
    public static func safeDescription(_ error: any Error) -> String {
        let error = unwrap(error)
        if let state = sqlState(error) { return "SQLSTATE \(state)" }
        if let app = error as? AppError { return "AppError." + String(String(describing: app).prefix { $0 != "(" }) }
        return String(String(describing: type(of: error)).prefix(200))
    }

    /// The error a transaction closure threw, without the transaction wrapper.
    public static func unwrap(_ error: any Error) -> any Error {
        if let tx = error as? PostgresTransactionError {
            if let closure = tx.closureError { return unwrap(closure) }
            if let commit = tx.commitError { return commit }
            if let begin = tx.beginError { return begin }
        }
        return error
    }

    static func isRetryable(_ error: any Error) -> Bool {
        guard let state = sqlState(error) else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Whether a SQLSTATE says the database cannot serve now (rather than
    /// that the query is wrong): connection exceptions (08), insufficient
    /// resources (53), operator intervention such as a statement timeout or a
    /// shutdown (57), system errors (58), and a lock not available in time.
    static func isUnavailability(_ state: String) -> Bool {
        ["08", "53", "57", "58"].contains(String(state.prefix(2))) || state == "55P03"
    }

    /// The `AppError` for any failure that reached the top of a database call.
    public static func map(_ error: any Error, logger: Logger) -> any Error {
        let error = unwrap(error)
        if error is AppError || error is CancellationError { return error }
        guard let psql = error as? PSQLError else {
            logger.critical("bug: database call failed", metadata: ["error.type": "\(type(of: error))"])
            return AppError.internalError
        }
        if psql.code == .server, let state = psql.serverInfo?[.sqlState] {
            let message = psql.serverInfo?[.message] ?? ""
            switch state {
            case "23505":
                return AppError.conflict("Dit bestaat al, of een gelijktijdig verzoek was eerder.")
            case "40001", "40P01":
                return AppError.conflict("Een gelijktijdige wijziging ging voor. Probeer het opnieuw.")
            case "23514", "23502", "23503":
                // A rule the database guards that validation should have caught first.
                logger.warning("database rejected a write", metadata: ["sqlstate": "\(state)", "constraint": "\(psql.serverInfo?[.constraintName] ?? "")"])
                return AppError.conflict("De gegevens voldoen niet aan de regels van het loket.")
            case "22001", "22003", "22007", "22008", "22P02", "22021":
                return AppError.invalid([FieldError("body", "Een waarde is ongeldig of te lang.")])
            case let state where isUnavailability(state):
                logger.error("database unavailable", metadata: ["sqlstate": "\(state)"])
                return AppError.unavailable
            default:
                // Server messages of our own triggers and of PostgreSQL name no request text.
                logger.critical("bug: database error", metadata: ["sqlstate": "\(state)", "message": "\(message)"])
                return AppError.internalError
            }
        }
        if psql.code == .server || psql.code == .unexpectedBackendMessage {
            logger.critical("bug: database error", metadata: ["code": "\(psql.code)"])
            return AppError.internalError
        }
        logger.error("database unavailable", metadata: ["code": "\(psql.code)"])
        return AppError.unavailable
    }
}
