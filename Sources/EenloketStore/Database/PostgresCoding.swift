import EenloketDomain
import NIOCore
import PostgresNIO

/// Domain enums travel as their raw text values; the columns hold CHECK-constrained text.
///
/// Spelled out rather than inherited because the enums are also `Codable`,
/// for which PostgresNIO would otherwise pick its JSON encoding.
public protocol PostgresTextEnum: PostgresEncodable, PostgresDecodable, RawRepresentable where RawValue == String {}

extension PostgresTextEnum {
    public static var psqlType: PostgresDataType { .text }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(rawValue)
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard let text = buffer.readString(length: buffer.readableBytes), let value = Self(rawValue: text) else {
            throw PostgresDecodingError.Code.failure
        }
        self = value
    }
}

extension CaseStatus: PostgresTextEnum {}
extension CaseType: PostgresTextEnum {}
extension PartyRole: PostgresTextEnum {}
extension StaffRole: PostgresTextEnum {}
extension Discipline: PostgresTextEnum {}
extension TriageDecision: PostgresTextEnum {}
extension RulingOutcome: PostgresTextEnum {}
extension DeadlineStage: PostgresTextEnum {}
extension RulingCarriedOut: PostgresTextEnum {}
extension ReturnToWork: PostgresTextEnum {}
extension EscalationKind: PostgresTextEnum {}
extension AppealOutcome: PostgresTextEnum {}

extension LocalDate {
    /// Parses a `date` column selected as `col::text` (ISO format).
    static func column(_ text: String?) -> LocalDate? {
        text.flatMap(LocalDate.init(iso:))
    }
}
