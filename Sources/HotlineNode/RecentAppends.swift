import HotlineStore
import Synchronization

/// The entries the outbox appended last, kept in memory so that the link seals them for the
/// peer without reading them back from the store. Only durable appends enter it, and stored
/// entries never change, so a hit is what the store holds; a miss reads the store.
final class RecentAppends: Sendable {
    private struct Window {
        var first: UInt64 = 0
        var records: [LogRecord] = []
        var bytes = 0
    }

    private let window = Mutex(Window())
    /// At most this many bytes of entries and content are kept (the oldest half is let go).
    let byteLimit: Int

    init(byteLimit: Int = 16 << 20) {
        self.byteLimit = byteLimit
    }

    /// Adds records appended to the log; they must follow the ones kept, or they replace them.
    func appended(_ records: [LogRecord]) {
        guard let start = records.first?.sequence else { return }
        window.withLock { window in
            if start != window.first + UInt64(window.records.count) {
                window = Window(first: start)
            }
            for record in records {
                window.records.append(record)
                window.bytes += record.leaf.count + record.content.count
            }
            if window.bytes > byteLimit {
                let dropped = window.records.count / 2
                window.bytes -= window.records.prefix(dropped).reduce(0) { $0 + $1.leaf.count + $1.content.count }
                window.records.removeFirst(dropped)
                window.first += UInt64(dropped)
            }
        }
    }

    /// The records of `range` if all of them are kept, else nil.
    func records(in range: Range<UInt64>) -> [LogRecord]? {
        window.withLock { window in
            guard range.lowerBound >= window.first, range.upperBound <= window.first + UInt64(window.records.count) else { return nil }
            let offset = Int(range.lowerBound - window.first)
            return Array(window.records[offset..<offset + range.count])
        }
    }

    /// Forgets everything (after an append whose outcome is unknown, or a recovery).
    func clear() {
        window.withLock { $0 = Window() }
    }
}
