/// Bounds the parser enforces before and while it reads a field, so a hostile header costs a
/// bounded amount of memory and time.
public struct StructuredFieldLimits: Sendable, Hashable {
    /// The longest field value accepted, in bytes.
    public var maxFieldLength: Int
    /// The most dictionary members accepted.
    public var maxMembers: Int
    /// The most items accepted in one inner list (for a signature: covered components).
    public var maxInnerListItems: Int
    /// The most parameters accepted on one item or inner list.
    public var maxParameters: Int

    /// Makes limits.
    public init(maxFieldLength: Int, maxMembers: Int, maxInnerListItems: Int, maxParameters: Int) {
        self.maxFieldLength = maxFieldLength
        self.maxMembers = maxMembers
        self.maxInnerListItems = maxInnerListItems
        self.maxParameters = maxParameters
    }

    /// 8 KiB per field, 16 members, 32 inner-list items, 16 parameters: far above what a
    /// Hotline request carries, far below what would hurt a server.
    public static let standard = StructuredFieldLimits(
        maxFieldLength: 8 * 1024, maxMembers: 16, maxInnerListItems: 32, maxParameters: 16
    )
}
