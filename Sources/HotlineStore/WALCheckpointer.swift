import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file on a connection and thread of its
/// own, instead of inside a commit. SQLite's automatic checkpoint runs in whichever commit takes
/// the log past 1,000 pages: during a stream of entries that commit took 10–20 ms more (copying
/// ~4 MB and syncing the database file), and the link's whole pipeline waited for it; up to
/// half of the cores' idle time was such waits. Here it overlaps with other work. Durability is
/// unchanged: a commit is durable once its log frames are synced; a checkpoint only moves them.
final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let loop = Mutex<Task<Void, Never>?>(nil)

    /// How often the log is copied back while the store is written; an idle store's check costs
    /// a read of the log's index.
    static let interval = Duration.milliseconds(200)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "hotline-store-checkpoints"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    func start() {
        let task = Task.detached(priority: .utility) { [weak self] in
            while !Task.isCancelled {
                guard (try? await Task.sleep(for: Self.interval)) != nil, let self else { return }
                try? await self.checkpoint()
            }
        }
        loop.withLock { $0 = task }
    }

    /// PASSIVE: copies what it can without waiting for, or blocking, the writer or readers.
    /// Runs on the connection's own dispatch queue, not on a task's thread.
    @discardableResult
    func checkpoint() async throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        try await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    deinit {
        loop.withLock { $0?.cancel() }
    }
}
