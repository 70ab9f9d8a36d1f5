import HotlineStore
import Testing

@testable import HotlineNode

/// The outbox's last appends, from which the link seals batches without reading the store: a
/// hit must be exactly what was appended, and anything not wholly kept must be a miss.
@Suite struct RecentAppendsTests {
    static func records(_ range: Range<UInt64>, bytes: Int = 10) -> [LogRecord] {
        range.map { LogRecord(sequence: $0, leaf: [UInt8](repeating: UInt8($0 & 0xff), count: bytes / 2), content: [UInt8](repeating: 7, count: bytes - bytes / 2)) }
    }

    @Test func contiguousAppendsAreServedAndAnythingOutsideIsAMiss() {
        let recent = RecentAppends()
        #expect(recent.records(in: 0..<1) == nil)
        recent.appended(Self.records(0..<5))
        recent.appended(Self.records(5..<8))
        #expect(recent.records(in: 0..<8) == Self.records(0..<8))
        #expect(recent.records(in: 3..<6) == Self.records(3..<6))
        #expect(recent.records(in: 6..<9) == nil)   // 8 was never appended
        #expect(recent.records(in: 8..<8) == [])
    }

    @Test func appendsThatDoNotFollowReplaceWhatWasKept() {
        let recent = RecentAppends()
        recent.appended(Self.records(0..<5))
        recent.appended(Self.records(9..<12))   // after a gap (a recovery, a failed commit)
        #expect(recent.records(in: 0..<5) == nil)
        #expect(recent.records(in: 9..<12) == Self.records(9..<12))
        recent.clear()
        #expect(recent.records(in: 9..<12) == nil)
    }

    @Test func theOldestHalfIsLetGoPastTheByteLimit() {
        let recent = RecentAppends(byteLimit: 100)
        recent.appended(Self.records(0..<10))   // 100 bytes: kept
        #expect(recent.records(in: 0..<10) == Self.records(0..<10))
        recent.appended(Self.records(10..<12))   // 120 bytes: the oldest 6 go
        #expect(recent.records(in: 5..<12) == nil)
        #expect(recent.records(in: 6..<12) == Self.records(6..<12))
    }
}
