import Glibc
import EenloketDomain
import Foundation
import NIOCore

/// Where the ClamAV daemon listens: `unix:/path/to/clamd.ctl` or `tcp:host:port` (`EENLOKET_CLAMD`).
public enum ClamdEndpoint: Sendable, Equatable, CustomStringConvertible {
    case unix(String)
    case tcp(host: String, port: UInt16)

    public init?(_ text: String) {
        if text.hasPrefix("unix:"), text.count > 5 {
            self = .unix(String(text.dropFirst(5)))
        } else if text.hasPrefix("tcp:"), let colon = text.lastIndex(of: ":"), colon > text.index(text.startIndex, offsetBy: 4),
            let port = UInt16(text[text.index(after: colon)...])
        {
            self = .tcp(host: String(text[text.index(text.startIndex, offsetBy: 4)..<colon]), port: port)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): return "unix:\(path)"
        case .tcp(let host, let port): return "tcp:\(host):\(port)"
        }
    }
}

/// What clamd found.
public enum ScanVerdict: Sendable, Equatable {
    case clean
    /// The signature's name (never logged for a document: it may say something about its content).
    case found(String)
}

/// One `INSTREAM` scan: the bytes are sent as they stream in, the verdict read
/// at the end. Every socket operation has a timeout; any failure is reported
/// as the scanner being unavailable, so nothing is stored unscanned (fail closed).
public final class ClamdScan: @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "eenloket.clamd")
    /// clamd refuses single chunks above its StreamMaxLength; 64 KiB is always accepted.
    static let chunkBytes = 64 * 1024

    /// Connects and starts the stream.
    public init(_ endpoint: ClamdEndpoint, timeout: TimeInterval) throws {
        fd = try Self.connect(endpoint, timeout: timeout)
        do {
            try Self.sendAll(fd, Array("zINSTREAM\0".utf8))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    deinit { Glibc.close(fd) }

    /// Sends the next bytes.
    public func send(_ bytes: ByteBuffer) async throws {
        var rest = bytes
        while rest.readableBytes > 0 {
            let piece = rest.readBytes(length: min(rest.readableBytes, Self.chunkBytes)) ?? []
            var length = UInt32(piece.count).bigEndian
            let header = withUnsafeBytes(of: &length) { Array($0) }
            try await run { try Self.sendAll(self.fd, header + piece) }
        }
    }

    /// Ends the stream and reads the verdict.
    public func finish() async throws -> ScanVerdict {
        try await run {
            try Self.sendAll(self.fd, [0, 0, 0, 0])
            var reply: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 512)
            while !reply.contains(0) {
                let count = Glibc.read(self.fd, &buffer, buffer.count)
                guard count > 0 else { break }
                reply += buffer.prefix(count)
            }
            let text = String(decoding: reply.prefix { $0 != 0 }, as: UTF8.self)
            if text.hasSuffix(" OK") { return .clean }
            if text.hasSuffix(" FOUND") {
                let name = text.split(separator: ":", maxSplits: 1).last.map { String($0.dropLast(" FOUND".count)) } ?? ""
                return .found(name.trimmingCharacters(in: .whitespaces))
            }
            throw AppError.unavailable
        }
    }

    /// Runs blocking socket work off the cooperative threads.
    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func connect(_ endpoint: ClamdEndpoint, timeout: TimeInterval) throws -> Int32 {
        switch endpoint {
        case .unix(let path):
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw AppError.unavailable }
            setTimeouts(fd, timeout)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                Glibc.close(fd)
                throw AppError.unavailable
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard result == 0 else {
                Glibc.close(fd)
                throw AppError.unavailable
            }
            return fd
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var info: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else { throw AppError.unavailable }
            defer { freeaddrinfo(info) }
            let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
            guard fd >= 0 else { throw AppError.unavailable }
            setTimeouts(fd, timeout)
            guard Glibc.connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
                Glibc.close(fd)
                throw AppError.unavailable
            }
            return fd
        }
    }

    private static func setTimeouts(_ fd: Int32, _ timeout: TimeInterval) {
        var value = timeval()
        value.tv_sec = Int(timeout)
        value.tv_usec = .init((timeout - floor(timeout)) * 1_000_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw AppError.unavailable }
            offset += sent
        }
    }
}
