import Foundation
import Hummingbird
import Synchronization

extension AppRequestContext {
    /// The client's address: the peer, or the first X-Forwarded-For entry when
    /// the service is configured to trust the proxy in front of it.
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!],
            let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return String(first.prefix(64))
        }
        return peerAddress ?? "unknown"
    }
}

/// Anonymous filings per client address per hour, counted by each instance
/// (with N instances behind a balancer a client may file up to N times the limit).
/// Generous enough for a household or small office sharing one address.
final class FilingRateLimiter: Sendable {
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
}
