/// "Deviation needs a reason": completing a stage after its preferred moment
/// requires a recorded reason, which turns around the habit of acting only on
/// the last legal day.
public enum Deviation {
    /// The shortest acceptable reason, in characters.
    public static let minimumReasonLength = 10

    /// Whether completing a stage on `day` (Amsterdam date) needs a reason.
    public static func requiresReason(preferredBy: LocalDate, completedOn day: LocalDate) -> Bool {
        day > preferredBy
    }
}
