import HotlineRecord
import HotlineRules
import HotlineStore
import Logging
import Synchronization

/// The official workflows' state (`RecordState`) for us and one peer, kept beside the store: who
/// holds which role, which lines are open, the items' states. Every entry is judged by it before
/// it is stored, ours in the outbox and the peer's in the receiver.
///
/// Writers (the outbox, the receiver, a reload) take turns through `writes`; each applies its
/// entries, then commits them to the store, and reloads the state from the store if the commit
/// or a later entry fails, so the state never holds what the store does not. Readers take a
/// snapshot, which costs nothing until the next write.
final class RecordBook: Sendable {
    let writes = AsyncSerializer()
    private let state: Mutex<RecordState>
    private let me: SideKeys
    private let parties: (RecordState.Party, RecordState.Party)
    private let store: any RecordStore
    private let outbound: LogOrigin
    private let inbound: LogOrigin
    private let logger: Logger

    init(me: SideKeys, ownOperatorKey: AuthorPublicKey, peer: SideIdentity, store: any RecordStore, logger: Logger) {
        self.me = me
        self.parties = (RecordState.Party(side: me.side, operatorKey: ownOperatorKey), RecordState.Party(side: peer.side, operatorKey: peer.operatorKey))
        self.state = Mutex(RecordState(parties.0, parties.1))
        self.store = store
        self.outbound = LogOrigin(sender: me.side, recipient: peer.side)
        self.inbound = LogOrigin(sender: peer.side, recipient: me.side)
        self.logger = logger
    }

    /// A copy of the state for a reader that works with it for a while (API views). The next
    /// write then copies what it changes, so hot paths use `read` instead.
    func snapshot() -> RecordState { state.withLock { $0 } }

    /// Reads the state under the lock, without copying it.
    func read<T>(_ body: (RecordState) throws -> T) rethrows -> T { try state.withLock { try body($0) } }

    /// Runs `body` on the state under the lock; for writers holding their turn in `writes`.
    func update<T>(_ body: (inout RecordState) throws -> T) rethrows -> T { try state.withLock { try body(&$0) } }

    /// Judges an entry at the place it would take next in its sender's log, without recording
    /// it: the prompt answer to a submission or a draft (the outbox judges it again in turn).
    func precheck(_ header: EntryHeader, signature: [UInt8], content: EntryContent?) -> RuleViolation? {
        read { state in
            if let refusal = state.refusesKnowingCharter(header) { return refusal }
            do throws(RuleViolation) {
                _ = try state.admit(Entry(sequence: state.size(of: header.sender), header: header, authorSignature: signature),
                                    leafHash: .zero, content: content)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Judges our own entries taken back from the peer's replica (a node restored from an old
    /// back-up), signatures included, and applies them; on any failure the state is read again.
    func applyRecovered(_ records: [LogRecord]) async throws {
        do {
            try update { state in
                for record in records {
                    let entry = try Entry(encoded: record.leaf)
                    guard let key = state.key(withID: entry.header.authorKeyID, of: me.side) else {
                        throw RuleViolation(.roleNotHeld, "recovered entry \(entry.sequence) is signed by a key that holds no role of \(me.side)")
                    }
                    try entry.verifyAuthorSignature(key)
                    try state.apply(entry, leafHash: Merkle.leafHash(record.leaf), content: try content(of: entry, sealed: record.content))
                }
            }
        } catch {
            try? await reload()
            throw error
        }
    }

    /// The plaintext of an entry whose rules read it, opened with our content key and checked
    /// against the entry's commitment; nil for kinds judged on the header alone.
    func content(of entry: Entry, sealed: [UInt8]) throws(EntryError) -> EntryContent? {
        guard RecordState.needsContent(entry.header.kind) else { return nil }
        let plaintext = try SealedContent(encoded: sealed).open(with: me)
        guard EntryContent.commitment(to: plaintext) == entry.header.commitment else { throw .commitmentMismatch }
        return try EntryContent(plaintext: plaintext)
    }

    /// Rebuilds the state from both logs in the store. Call holding a turn in `writes` (or before
    /// anything else runs). Entries the rules refuse (a store written before them) are kept in
    /// place without effect, and counted in the log.
    func reload() async throws {
        var fresh = RecordState(parties.0, parties.1)
        var queues = [try await Queue(store: store, origin: outbound), try await Queue(store: store, origin: inbound)]
        var unjudged = 0
        while !queues[0].isDone || !queues[1].isDone {
            // The stores do not say in which order the two logs' entries met, only each log's
            // order. Take the next entry whose references into the other log are applied; if
            // the rules refuse it (it needs something of the other log it does not name, such
            // as the acceptance that opened its line), apply the other log's next entry first
            // and try again. Only an entry refused both ways is kept without effect.
            var pick = queues[0].isDone ? 1 : 0
            if pick == 0, !queues[1].isDone, let next = try await queues[0].peek(), next.entry.header.references.contains(where: {
                $0.side == parties.1.side && $0.sequence >= fresh.size(of: parties.1.side)
            }) { pick = 1 }
            if try await apply(queues[pick].peek()!, to: &fresh) {
                _ = try await queues[pick].next()
                continue
            }
            let other = 1 - pick
            if !queues[other].isDone, try await apply(queues[other].peek()!, to: &fresh) {
                _ = try await queues[other].next()
                continue
            }
            let item = try await queues[pick].next()!
            unjudged += 1
            fresh.recordUnjudged(item.entry, leafHash: item.leafHash)
        }
        if unjudged > 0 {
            logger.warning("\(unjudged) stored entries do not keep the rules of the official workflows (written before them?); they are kept without effect on roles and lines")
        }
        let loaded = fresh
        state.withLock { $0 = loaded }
    }

    /// Applies a stored entry if the rules admit it at this point; false if they refuse it.
    private func apply(_ item: Queue.Item, to state: inout RecordState) -> Bool {
        let content = try? self.content(of: item.entry, sealed: item.record.content)
        do {
            try state.apply(item.entry, leafHash: item.leafHash, content: content)
            return true
        } catch {
            return false
        }
    }

    /// Reads one log in chunks, in order.
    private struct Queue {
        struct Item {
            var record: LogRecord
            var entry: Entry
            var leafHash: Hash
        }
        let store: any RecordStore
        let origin: LogOrigin
        let size: UInt64
        var buffer: [Item] = []
        var nextToRead: UInt64 = 0

        init(store: any RecordStore, origin: LogOrigin) async throws {
            self.store = store
            self.origin = origin
            self.size = try await store.treeHead(origin).size
        }

        var isDone: Bool { buffer.isEmpty && nextToRead >= size }

        mutating func peek() async throws -> Item? {
            if buffer.isEmpty, nextToRead < size {
                let records = try await store.records(origin, in: nextToRead..<min(size, nextToRead + 500))
                nextToRead += UInt64(records.count)
                buffer = try records.map { Item(record: $0, entry: try Entry(encoded: $0.leaf), leafHash: Merkle.leafHash($0.leaf)) }
                buffer.reverse()
            }
            return buffer.last
        }

        mutating func next() async throws -> Item? {
            _ = try await peek()
            return buffer.popLast()
        }
    }
}
