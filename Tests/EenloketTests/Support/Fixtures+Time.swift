import EenloketDomain
import EenloketStore
import Foundation
import Testing

extension TestContext {
    /// Fires every timer due at the clock's current time; returns how many fired.
    @discardableResult
    func fireTimers() async throws -> Int {
        var total = 0
        while true {
            let fired = try await deps.timers.fireDue(at: Timestamp.truncated(clock.now()), limit: 100)
            total += fired
            if fired < 100 { return total }
        }
    }

    /// History event types of a case, in order (as staff see them).
    func eventTypes(_ caseId: String) async throws -> [String] {
        let rows = try await sql("SELECT type FROM case_events WHERE case_id = \(UUID(uuidString: caseId)!) ORDER BY seq")
        return try rows.map { try $0.decode(String.self) }
    }

    /// Outbox rows of a case: (kind, channel, recipient e-mail or nil).
    func outbox(_ caseId: String) async throws -> [(kind: String, channel: String, to: String?)] {
        let rows = try await sql(
            "SELECT kind, channel, recipient_email FROM notifications WHERE case_id = \(UUID(uuidString: caseId)!) ORDER BY id")
        return try rows.map { row in
            let (kind, channel, to) = try row.decode((String, String, String?).self)
            return (kind, channel, to)
        }
    }

    /// Moves the clock to a moment on an Amsterdam date.
    func setClock(_ iso: String, hour: Double = 10) {
        clock.set(AmsterdamTime.startOfDay(LocalDate(iso: iso)!).addingTimeInterval(hour * 3600))
    }
}

/// A mail transport that keeps messages in memory, or fails on demand.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [OutgoingMail] = []
    var failing = false

    struct Refused: Error {}

    func send(_ mail: OutgoingMail) async throws {
        try lock.withLock {
            if failing { throw Refused() }
            sent.append(mail)
        }
    }

    var messages: [OutgoingMail] { lock.withLock { sent } }
}

/// A mail transport that stops before its n-th message until released.
final class StallingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let stallAt: Int
    private var count = 0
    private var stalled: CheckedContinuation<Void, Never>?
    private var released = false
    private var onStall: CheckedContinuation<Void, Never>?
    private var hasStalled = false
    private var sentIds: Set<Int64> = []

    init(stallAt: Int) { self.stallAt = stallAt }

    /// The messages handed to this transport.
    var ids: Set<Int64> { lock.withLock { sentIds } }

    func send(_ mail: OutgoingMail) async throws {
        let stall = lock.withLock {
            count += 1
            sentIds.insert(mail.id)
            return count == stallAt && !released
        }
        guard stall else { return }
        await withCheckedContinuation { continuation in
            let waiter: CheckedContinuation<Void, Never>? = lock.withLock {
                stalled = continuation
                hasStalled = true
                defer { onStall = nil }
                return onStall
            }
            waiter?.resume()
        }
    }

    func waitUntilStalled() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock {
                if hasStalled { return true }
                onStall = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let continuation = lock.withLock {
            released = true
            defer { stalled = nil }
            return stalled
        }
        continuation?.resume()
    }
}
