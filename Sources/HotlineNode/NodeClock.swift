import Foundation

/// The node's source of time, injected so that tests can control it.
public struct NodeClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = NodeClock { Date() }

    /// Seconds since the epoch, as cosignatures carry it.
    public var seconds: UInt64 { UInt64(max(1, now().timeIntervalSince1970.rounded(.down))) }
    /// Milliseconds since the epoch, as entries carry it.
    public var milliseconds: UInt64 { UInt64(max(0, (now().timeIntervalSince1970 * 1000).rounded(.down))) }
}
