import EenloketDomain
import Hummingbird
import Logging
import NIOCore

/// Per-request state: who is calling (set by `AuthenticationMiddleware`).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; `.anonymous` without (valid) credentials.
    public var caller: Caller = .anonymous
    /// The peer's IP address (without port), if the connection has one.
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies above 1 MiB are refused with 413.
    public var maxUploadSize: Int { Limits.maxBodyBytes }
}

/// Size limits applied to every request.
public enum Limits {
    public static let maxBodyBytes = 1 << 20
}
