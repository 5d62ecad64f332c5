import EenloketDomain
import Logging
import PostgresNIO

/// Turns PostgreSQL failures into what the client should hear.
///
/// A violated constraint that the request could have caused is the client's
/// fault (409 or 422); anything else means the database is unavailable or
/// misbehaving, which is logged and reported as 503.
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

    /// The `AppError` for any failure that reached the top of a database call.
    public static func map(_ error: any Error, logger: Logger) -> any Error {
        let error = unwrap(error)
        if error is AppError { return error }
        guard let psql = error as? PSQLError else {
            logger.error("database call failed", metadata: ["error": "\(type(of: error))"])
            return AppError.unavailable
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
            case "57014", "55P03":
                logger.error("database statement timed out", metadata: ["sqlstate": "\(state)"])
                return AppError.unavailable
            default:
                // Server messages of our own triggers never carry request text.
                logger.error("database error", metadata: ["sqlstate": "\(state)", "message": "\(message)"])
                return AppError.unavailable
            }
        }
        logger.error("database unavailable", metadata: ["code": "\(psql.code)"])
        return AppError.unavailable
    }
}
