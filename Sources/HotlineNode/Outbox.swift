import Foundation
import HotlineRecord
import HotlineRules
import HotlineStore
import Synchronization

/// Entries waiting to be appended to our log for one peer. Submissions that arrive while a
/// commit is running are appended together in the next one (group commit), highest precedence
/// first, so a flash entry overtakes routine ones still waiting. A commit also waits, briefly,
/// for more entries when submissions are streaming in (some arrived during the previous
/// commit) or are being checked on their way (`incoming`): a commit costs about as much CPU for
/// one entry as for dozens (the pages it rewrites, the fsync), and without the wait a stream of
/// submissions was committed a few entries at a time. A flash entry never waits.
actor Outbox {
    /// Where an accepted entry landed.
    struct Appended: Sendable {
        var sequence: UInt64
        var leafHash: Hash
    }

    private struct Pending {
        var header: EntryHeader
        var signature: [UInt8]
        var content: [UInt8]
        /// The opened content, for kinds whose rules read it.
        var plaintext: EntryContent?
        var arrival: UInt64
        var continuation: CheckedContinuation<Appended, any Error>
    }

    let peer: PeerContext
    let doorbell: Doorbell
    private let maxPerCommit: Int
    private var pending: [Pending] = []
    /// Flash entries in `pending`, so that checking for one does not scan the queue per arrival.
    private var flashPending = 0
    private var pendingCommitments: Set<Hash> = []
    /// Every commitment already in our log, so that a client retrying after a lost answer gets
    /// the entry it already sent instead of a second copy. Salted commitments are unique per item.
    private var sent: [Hash: Appended]?
    /// Our log's head; the outbox alone appends to it.
    private var head: TreeHead?
    private var arrivals: UInt64 = 0
    private var draining = false
    /// Appends wait, once after start, until the link has spoken with the peer (or a grace
    /// period has passed): a node restored from an old back-up must take its own entries back
    /// before it appends new ones after them.
    private var contactMade = false
    private var contactWaiters: [CheckedContinuation<Void, Never>] = []
    private var graceTimer: Task<Void, Never>?
    /// While the link takes our entries back from the peer, the grace period does not open appends.
    private var recovering = false
    let contactGrace: Duration

    /// Submissions being checked by the node on their way here (`Node.submit`).
    let incoming = IncomingSubmissions()
    /// What was appended last, for the link to seal without reading the store.
    let recent = RecentAppends()
    /// A commit waits for more entries until it has this many, or `gatherWait` has passed, or a
    /// flash entry is waiting, or (not streaming) nothing more is incoming.
    private let gatherTarget: Int
    private let gatherWait: Duration
    private var gatherWaiter: CheckedContinuation<Void, Never>?
    /// Entries arrived while the previous commit was running.
    private var streaming = false

    init(peer: PeerContext, doorbell: Doorbell, maxPerCommit: Int = 1_000, contactGrace: Duration = .seconds(10),
         gatherTarget: Int = 100, gatherWait: Duration = .milliseconds(10)) {
        self.peer = peer
        self.doorbell = doorbell
        self.maxPerCommit = maxPerCommit
        self.contactGrace = contactGrace
        self.gatherTarget = gatherTarget
        self.gatherWait = gatherWait
    }

    /// The link has a receipt from the peer (so our log is not behind its copy): appends go on.
    func contact() {
        guard !contactMade else { return }
        contactMade = true
        recovering = false
        graceTimer?.cancel()
        let waiters = contactWaiters
        contactWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func waitForContact() async {
        guard !contactMade else { return }
        if graceTimer == nil {
            let grace = contactGrace
            graceTimer = Task { [weak self] in
                guard (try? await Task.sleep(for: grace)) != nil else { return }
                await self?.graceEnded()
            }
        }
        await withCheckedContinuation { contactWaiters.append($0) }
    }

    /// The link is taking our own entries back from the peer: no appends until it is done.
    func recoveryStarted() {
        recovering = true
    }

    private func graceEnded() {
        guard !contactMade, !recovering else { return }
        peer.logger.warning("no contact with \(peer.side) within \(contactGrace) of starting; appending without it (see docs/OPERATIONS.md, Back-up)")
        contact()
    }

    /// Appends a verified entry to the log and returns once it is durable. Submitting the same
    /// signed entry again returns where it already is.
    func submit(header: EntryHeader, signature: [UInt8], content: [UInt8], plaintext: EntryContent?) async throws -> Appended {
        incoming.arrivedOrDropped()
        _ = try await sentEntries()
        // From here to the append to `pending` nothing suspends, so no other submission of the
        // same entry can slip in between.
        if let existing = sent?[header.commitment] {
            let stored = try await peer.store.records(peer.outbound, in: existing.sequence..<existing.sequence + 1).first
            guard let stored, let entry = try? Entry(encoded: stored.leaf), entry.header == header, entry.authorSignature == signature else {
                throw NodeError.rejected("this content was already sent as entry \(existing.sequence), with another header")
            }
            return existing
        }
        if pendingCommitments.contains(header.commitment) {
            throw NodeError.rejected("this entry is already being appended; retry to learn its number")
        }
        return try await withCheckedThrowingContinuation { continuation in
            arrivals += 1
            pending.append(Pending(header: header, signature: signature, content: content, plaintext: plaintext, arrival: arrivals, continuation: continuation))
            if header.precedence == .flash { flashPending += 1 }
            pendingCommitments.insert(header.commitment)
            if !draining {
                draining = true
                Task { await self.drain() }
            } else if gatherWaiter != nil, gathered {
                gatherWaiter?.resume()
                gatherWaiter = nil
            }
        }
    }

    /// Whether the next commit should wait no longer for incoming submissions.
    private var gathered: Bool {
        pending.count >= gatherTarget || (!streaming && incoming.count == 0) || flashPending > 0
    }

    /// Waits, up to `gatherWait`, until `gathered`. Submissions that fail their checks on the
    /// way leave `incoming` without arriving; the time limit covers them.
    private func gather() async {
        guard !gathered else { return }
        let timer = Task { [weak self, gatherWait] in
            guard (try? await Task.sleep(for: gatherWait)) != nil else { return }
            await self?.endGathering()
        }
        await withCheckedContinuation { gatherWaiter = $0 }
        timer.cancel()
    }

    private func endGathering() {
        gatherWaiter?.resume()
        gatherWaiter = nil
    }

    /// Loads the commitments of our log once (linear in its size, like the check at open).
    private func sentEntries() async throws -> [Hash: Appended] {
        if let sent { return sent }
        var loaded: [Hash: Appended] = [:]
        let size = try await peer.store.treeHead(peer.outbound).size
        var next: UInt64 = 0
        while next < size {
            for record in try await peer.store.records(peer.outbound, in: next..<min(size, next + 1_000)) {
                let entry = try Entry(encoded: record.leaf)
                loaded[entry.header.commitment] = Appended(sequence: record.sequence, leafHash: Merkle.leafHash(record.leaf))
            }
            next = min(size, next + 1_000)
        }
        sent = loaded
        return loaded
    }

    /// Appends entries of our own log recovered from the peer's replica, if our log still ends
    /// where they begin; returns our log's size afterwards.
    func recover(_ records: [LogRecord]) async throws -> UInt64 {
        let head = try await currentHead()
        guard let first = records.first?.sequence else { return head.size }
        guard first == head.size else {
            throw LinkError.diverged("our log has \(head.size) entries, the recovered ones start at \(first)")
        }
        let newHead = try await peer.book.writes.run {
            try await peer.book.applyRecovered(records)
            do { return try await peer.store.append(records, to: peer.outbound) } catch {
                try? await peer.book.reload()
                throw error
            }
        }
        self.head = newHead
        recent.clear()
        sent = nil   // reloaded with the recovered entries at the next submission
        peer.metrics.logSize(peer.outbound.text).set(Int64(newHead.size))
        return newHead.size
    }

    /// Our log's head, read from the store only when not known.
    private func currentHead() async throws -> TreeHead {
        if let head { return head }
        let read = try await peer.store.treeHead(peer.outbound)
        head = read
        return read
    }

    private func drain() async {
        await waitForContact()
        while !pending.isEmpty {
            await gather()
            pending.sort { ($0.header.precedence, -Int64($0.arrival)) > ($1.header.precedence, -Int64($1.arrival)) }
            let batch = Array(pending.prefix(maxPerCommit))
            pending.removeFirst(batch.count)
            flashPending -= batch.count(where: { $0.header.precedence == .flash })
            // The commitments stay marked until the append is settled (in `sent`, or failed), so
            // that a resubmission during the commit is not appended a second time.
            defer { for item in batch { pendingCommitments.remove(item.header.commitment) } }
            do {
                let head = try await currentHead()
                let items = batch.map { (header: $0.header, signature: $0.signature, content: $0.content, plaintext: $0.plaintext) }
                let (verdicts, newHead) = try await Self.append(items, after: head, peer: peer, recent: recent)
                self.head = newHead
                var appendedCount = 0
                for (verdict, item) in zip(verdicts, batch) {
                    switch verdict {
                    case let .success(appended):
                        appendedCount += 1
                        sent?[item.header.commitment] = appended
                        item.continuation.resume(returning: appended)
                    case let .failure(violation):
                        item.continuation.resume(throwing: NodeError.refused(violation))
                    }
                }
                peer.metrics.entriesAppended(peer: peer.side.rawValue).increment(by: Int64(appendedCount))
                peer.metrics.logSize(peer.outbound.text).set(Int64(newHead.size))
                if appendedCount > 0 { await doorbell.ring() }
            } catch {
                head = nil   // read it again: the append may or may not have happened
                recent.clear()
                for item in batch { item.continuation.resume(throwing: error) }
            }
            streaming = !pending.isEmpty
        }
        streaming = false
        draining = false
    }

    /// Judges each entry in log order and appends those the rules admit, in one commit, with
    /// their turn in the record book; if the commit fails, the book is read again from the store.
    private static func append(
        _ items: [(header: EntryHeader, signature: [UInt8], content: [UInt8], plaintext: EntryContent?)], after head: TreeHead, peer: PeerContext,
        recent: RecentAppends
    ) async throws -> ([Result<Appended, RuleViolation>], TreeHead) {
        try await peer.book.writes.run {
            var records: [LogRecord] = []
            var verdicts: [Result<Appended, RuleViolation>] = []
            verdicts.reserveCapacity(items.count)
            for item in items {
                // Encoded and hashed outside the state's lock, which is taken per entry: the
                // submissions being checked meanwhile read the state under it.
                let entry = Entry(sequence: head.size + UInt64(records.count), header: item.header, authorSignature: item.signature)
                let leaf = entry.encoded
                let leafHash = Merkle.leafHash(leaf)
                let violation: RuleViolation? = peer.book.update { state in
                    do throws(RuleViolation) {
                        try state.apply(entry, leafHash: leafHash, content: item.plaintext)
                        return nil
                    } catch {
                        return error
                    }
                }
                if let violation {
                    verdicts.append(.failure(violation))
                    continue
                }
                records.append(LogRecord(sequence: entry.sequence, leaf: leaf, content: item.content))
                verdicts.append(.success(Appended(sequence: entry.sequence, leafHash: leafHash)))
            }
            guard !records.isEmpty else { return (verdicts, head) }
            do {
                let newHead = try await peer.store.append(records, to: peer.outbound)
                recent.appended(records)
                return (verdicts, newHead)
            } catch {
                try? await peer.book.reload()
                throw error
            }
        }
    }
}

/// A count of submissions on their way to the outbox, readable without a turn on its actor.
final class IncomingSubmissions: Sendable {
    private let value = Atomic<Int>(0)
    var count: Int { value.load(ordering: .relaxed) }
    func arriving() { value.add(1, ordering: .relaxed) }
    func arrivedOrDropped() { value.subtract(1, ordering: .relaxed) }
}
