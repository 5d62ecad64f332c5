import Foundation
import Hummingbird
import Synchronization

extension AppRequestContext {
    /// The client's address: the peer, or, when the service is configured to
    /// trust the one proxy in front of it, the last X-Forwarded-For entry: the
    /// address that proxy saw. Earlier entries come from the client and can be made up.
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        // A proxy may add a header line of its own rather than append to the client's: take the last line's last entry.
        if trustForwardedFor, let forwarded = request.headers[values: .init("X-Forwarded-For")!].last,
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return peerAddress ?? "unknown"
    }
}

/// Anonymous filings per client address per hour, counted by each instance
/// (with N instances behind a balancer a client may file up to N times the limit).
/// Generous enough for a household or small office sharing one address.
///
/// A request reserves its slot before it is read, so a burst of parallel
/// requests cannot pass together; the slot is given back when the request
/// files nothing new (a replay of an Idempotency-Key, a refused body), so a
/// client that retries or corrects a typo is not locked out.
final class FilingRateLimiter: Sendable {
    /// One counted filing, to give back with `refund`.
    struct Reservation: Sendable {
        let address: String
        let at: Date
    }

    private let limit: Int
    private let state = Mutex<[String: [Date]]>([:])

    init(perHour limit: Int) {
        self.limit = limit
    }

    /// Counts a filing; returns the seconds to wait when over the limit.
    func admit(_ address: String, at now: Date) -> Int? {
        guard limit > 0 else { return nil }
        return state.withLock { windows -> Int? in
            let since = now.addingTimeInterval(-3600)
            var recent = (windows[address] ?? []).filter { $0 > since }
            if recent.count >= limit, let oldest = recent.first {
                windows[address] = recent
                return max(1, Int(oldest.addingTimeInterval(3600).timeIntervalSince(now).rounded(.up)))
            }
            recent.append(now)
            windows[address] = recent
            if windows.count > 100_000 { windows = windows.filter { !$0.value.allSatisfy { $0 <= since } } }
            return nil
        }
    }

    /// Gives back a slot counted by `admit` for a request that filed nothing new.
    func refund(_ reservation: Reservation) {
        state.withLock { windows in
            guard var recent = windows[reservation.address], let index = recent.lastIndex(of: reservation.at) else { return }
            recent.remove(at: index)
            windows[reservation.address] = recent.isEmpty ? nil : recent
        }
    }
}
