import Foundation
import HotlineRecord
import HotlineRules
import HotlineStore
import Logging

/// The receiving half of the link for one peer: it takes batches of the peer's entries and the
/// peer's checkpoints, verifies everything, stores durably, and cosigns. An actor, so that
/// checking the last cosigned size and storing the new one happen atomically (tlog-witness).
actor Receiver {
    let peer: PeerContext
    /// Batches and checkpoints of one peer are handled strictly one after the other.
    private let serializer = AsyncSerializer()
    /// What the receiver knows without asking the store, loaded at first use: it alone writes
    /// the replica's cosignatures and the evidence about this peer (operators clear alarms
    /// through `alarmsCleared`).
    private var blocked: Bool?
    private var clearances = 0
    private var lastCosigned: (size: UInt64, root: Hash, timestamp: UInt64)?
    /// Our replica's head, kept after each append (the receiver alone appends to the replica,
    /// one batch at a time), so that a batch or a checkpoint does not read it from the store.
    private var replicaHead: TreeHead?

    init(peer: PeerContext) {
        self.peer = peer
    }

    var store: any RecordStore { peer.store }

    private func isBlocked() async throws -> Bool {
        if let blocked { return blocked }
        let generation = clearances
        let loaded = try await peer.isBlocked()
        if generation == clearances { blocked = loaded }   // not if an operator cleared meanwhile
        return loaded
    }

    private func raiseAlarm(_ kind: Evidence.Kind, _ detail: String, first: String, second: String) async {
        await peer.raiseAlarm(kind, detail, first: first, second: second)
        blocked = true
    }

    /// An operator cleared the alarms: read the state again from the store.
    func alarmsCleared() {
        blocked = nil
        clearances += 1
    }

    private func latestCosigned() async throws -> (size: UInt64, root: Hash, timestamp: UInt64) {
        if let lastCosigned { return lastCosigned }
        let mark = try await store.latestCosignature(peer.inbound)
        let size = mark?.size ?? 0
        let loaded = (size, size == 0 ? Merkle.emptyTreeHash : try await store.treeRoot(peer.inbound, size: size), mark?.timestamp ?? 0)
        lastCosigned = loaded
        return loaded
    }

    private func currentReplicaHead() async throws -> TreeHead {
        if let replicaHead { return replicaHead }
        let read = try await store.treeHead(peer.inbound)
        replicaHead = read
        return read
    }

    // MARK: - Batches of entries

    /// POST /hotline/v1/batches: verify and append the peer's entries to our replica. A batch
    /// is opened and its records checked (signatures on every core) before it takes its turn,
    /// so that the next batch is checked while this one's commit is on disk; the comparison with
    /// what the replica holds, the references and the append happen one batch at a time, in
    /// the order of the batches' first entries.
    func receiveBatch(_ body: [UInt8]) async -> PeerResponse {
        let batch: SealedBatch
        do { batch = try SealedBatch(encoded: body) } catch {
            if (try? await isBlocked()) == true {
                return refuse(stoppedRefusal)
            }
            return refuse("malformed-batch", 400, "\(error)")
        }
        return await receiveBatch(decoded: batch)
    }

    /// As `receiveBatch(_:)`, for a batch the node already decoded to find its receiver.
    func receiveBatch(decoded batch: SealedBatch) async -> PeerResponse {
        let prepared: PreparedBatch
        switch await prepare(batch) {
        case let .failure(refusal): return refuse(refusal)
        case let .success(batch): prepared = batch
        }
        return await serializer.run { await self.storeBatch(prepared) }
    }

    /// A batch opened and checked, waiting for its turn.
    struct PreparedBatch: Sendable {
        let first: UInt64
        let records: [SealedBatch.Record]
        let checked: [Result<CheckedEntry, Refusal>]
    }

    /// An entry whose encoding, addressing and content have been checked, and its signature too
    /// if its key was known before the batch (a key granted within the batch is checked in order).
    struct CheckedEntry: Sendable {
        let entry: Entry
        let leafHash: Hash
        let signatureVerified: Bool
        /// The opened content, for kinds whose rules read it.
        let plaintext: EntryContent?
    }

    /// First sequence numbers of batches being checked and not yet holding their turn: a later
    /// batch waits for them, so that batches pushed back to back are stored in order.
    private var checking: [UInt64: Int] = [:]
    private var turnWaiters: [CheckedContinuation<Void, Never>] = []

    private func prepare(_ batch: SealedBatch) async -> Result<PreparedBatch, Refusal> {
        if (try? await isBlocked()) == true {
            return .failure(stoppedRefusal)
        }
        guard batch.origin == peer.inbound else {
            return .failure(Refusal(kind: "unknown-log", status: 404, reason: "this node keeps no log \(batch.origin) for \(peer.side)"))
        }
        let records: [SealedBatch.Record]
        do { records = try batch.open(with: peer.me) } catch { return .failure(Refusal(kind: "sealed-batch", status: 400, reason: "\(error)")) }
        checking[batch.first, default: 0] += 1
        let offered = records.enumerated().map { (sequence: batch.first + UInt64($0.offset), record: $0.element) }
        let side = peer.side
        let keys = peer.book.read { $0.keys(of: side) }
        let checked = await Self.check(offered, peer: peer, keys: keys)
        while checking.keys.contains(where: { $0 < batch.first }) {
            await withCheckedContinuation { turnWaiters.append($0) }
        }
        return .success(PreparedBatch(first: batch.first, records: records, checked: checked))
    }

    /// Called once a batch holds its turn (or gives up): later batches may queue behind it.
    private func leaveChecking(_ first: UInt64) {
        if let count = checking[first] { checking[first] = count > 1 ? count - 1 : nil }
        let waiters = turnWaiters
        turnWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func storeBatch(_ prepared: PreparedBatch) async -> PeerResponse {
        leaveChecking(prepared.first)
        do {
            if try await isBlocked() {
                return refuse(stoppedRefusal)
            }
            let records = prepared.records
            let head = try await currentReplicaHead()
            if prepared.first > head.size {
                // A gap: tell the sender where our replica ends so that it resends from there.
                peer.logger.info("batch starts at \(prepared.first) but the replica holds \(head.size)", metadata: ["peer": "\(peer.side)"])
                return .size(409, head.size)
            }
            // Records we already hold must be byte-identical (pushes are idempotent).
            let overlap = Int(min(UInt64(records.count), head.size - prepared.first))
            if overlap > 0 {
                let stored = try await store.records(peer.inbound, in: prepared.first..<prepared.first + UInt64(overlap))
                for (held, offered) in zip(stored, records) where held.leaf != offered.entry || held.content != offered.content {
                    await raiseAlarm(.conflictingEntry, "\(peer.side) delivered a second, different entry \(held.sequence) of its log",
                                     first: Base64.encode(held.leaf), second: Base64.encode(offered.entry))
                    return refuse("conflicting-entry", 422, "entry \(held.sequence) differs from the one delivered before; kept as evidence")
                }
            }
            // Entries are judged in log order; those before the first failure are stored, and the
            // failure is the answer (the sender resends from there).
            let book = peer.book
            let outcome: (head: TreeHead, stored: Int, refusal: Refusal?) = try await book.writes.run {
                var fresh: [LogRecord] = []
                var refusal: Refusal?
                // The state's lock is taken per entry: the node's own submissions read it meanwhile.
                for (offset, result) in prepared.checked.enumerated().dropFirst(overlap) {
                    let sequence = prepared.first + UInt64(offset)
                    switch result {
                    case let .failure(refused): refusal = refused
                    case let .success(checked): refusal = book.update { Self.judge(checked, sequence: sequence, in: &$0) }
                    }
                    if refusal != nil { break }
                    fresh.append(LogRecord(sequence: sequence, leaf: records[offset].entry, content: records[offset].content))
                }
                guard !fresh.isEmpty else { return (head, 0, refusal) }
                do {
                    return (try await self.store.append(fresh, to: self.peer.inbound), fresh.count, refusal)
                } catch {
                    try? await book.reload()
                    throw error
                }
            }
            replicaHead = outcome.head
            peer.metrics.entriesReceived(peer: peer.side.rawValue).increment(by: Int64(outcome.stored))
            peer.metrics.batchesReceived(peer: peer.side.rawValue).increment()
            peer.metrics.logSize(peer.inbound.text).set(Int64(outcome.head.size))
            if let refusal = outcome.refusal {
                return refuse(refusal.kind, refusal.status, refusal.reason + (outcome.stored > 0 ? " (the \(outcome.stored) entries before it were stored)" : ""))
            }
            return .size(200, outcome.head.size)
        } catch {
            replicaHead = nil   // read it again: the append may or may not have happened
            peer.logger.error("batch from \(peer.side) failed: \(error)")
            return .text(500, "the node could not store the batch: \(error)")
        }
    }

    /// Why an entry was refused.
    struct Refusal: Error, Sendable {
        let kind: String
        let status: Int
        let reason: String
    }

    /// Checks entries on every core, in contiguous slices; the results are in the input's order.
    static func check(_ offered: [(sequence: UInt64, record: SealedBatch.Record)], peer: PeerContext, keys: [Hash: AuthorPublicKey]) async -> [Result<CheckedEntry, Refusal>] {
        let slices = min(offered.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard slices > 1 else { return offered.map { check($0.record, sequence: $0.sequence, peer: peer, keys: keys) } }
        let size = (offered.count + slices - 1) / slices
        return await withTaskGroup(of: (Int, [Result<CheckedEntry, Refusal>]).self) { group in
            for start in stride(from: 0, to: offered.count, by: size) {
                let slice = Array(offered[start..<min(offered.count, start + size)])
                group.addTask { (start, slice.map { check($0.record, sequence: $0.sequence, peer: peer, keys: keys) }) }
            }
            var results = [Result<CheckedEntry, Refusal>?](repeating: nil, count: offered.count)
            for await (start, part) in group {
                for (offset, result) in part.enumerated() { results[start + offset] = result }
            }
            return results.map { $0! }
        }
    }

    /// Checks one entry on receipt: canonical encoding, position, addressing, signature (when
    /// its key is already known), content. The rules are applied afterwards, in log order.
    static func check(_ record: SealedBatch.Record, sequence: UInt64, peer: PeerContext, keys: [Hash: AuthorPublicKey]) -> Result<CheckedEntry, Refusal> {
        let entry: Entry
        do { entry = try Entry(encoded: record.entry) } catch { return .failure(Refusal(kind: "malformed-entry", status: 400, reason: "entry \(sequence): \(error)")) }
        let header = entry.header
        guard entry.sequence == sequence else {
            return .failure(Refusal(kind: "out-of-order", status: 400, reason: "record \(sequence) of the batch carries entry \(entry.sequence)"))
        }
        guard header.sender == peer.side, header.recipient == peer.me.side else {
            return .failure(Refusal(kind: "misaddressed-entry", status: 400,
                                    reason: "entry \(sequence) is from \(header.sender) to \(header.recipient), not from \(peer.side) to \(peer.me.side)"))
        }
        var verified = false
        if let key = keys[header.authorKeyID] {
            do { try entry.verifyAuthorSignature(key) } catch {
                return .failure(Refusal(kind: "bad-signature", status: 403, reason: "entry \(sequence): \(error)"))
            }
            verified = true
        }
        let plaintext: EntryContent?
        do {
            try entry.checkContent(record.content)
            _ = try SealedContent(encoded: record.content)
            plaintext = try peer.book.content(of: entry, sealed: record.content)
        } catch {
            return .failure(Refusal(kind: "bad-content", status: 422, reason: "entry \(sequence): \(error)"))
        }
        return .success(CheckedEntry(entry: entry, leafHash: Merkle.leafHash(record.entry), signatureVerified: verified, plaintext: plaintext))
    }

    /// Applies one checked entry to the state by the rules, verifying its signature first if its
    /// key was granted within the batch. Returns why it was refused, or nil.
    static func judge(_ checked: CheckedEntry, sequence: UInt64, in state: inout RecordState) -> Refusal? {
        let entry = checked.entry
        if !checked.signatureVerified {
            guard let key = state.key(withID: entry.header.authorKeyID, of: entry.header.sender) else {
                return Refusal(kind: "unknown-author", status: 403,
                               reason: "entry \(sequence) is signed by \(entry.header.authorRole) with a key \(entry.header.sender) has not registered")
            }
            do { try entry.verifyAuthorSignature(key) } catch {
                return Refusal(kind: "bad-signature", status: 403, reason: "entry \(sequence): \(error)")
            }
        }
        do {
            try state.apply(entry, leafHash: checked.leafHash, content: checked.plaintext)
        } catch {
            return Refusal(kind: error.code == .badReference ? "bad-reference" : "rule-violation", status: 422,
                           reason: "entry \(sequence): \(error)")
        }
        return nil
    }

    // MARK: - Recovery

    /// Up to `SealedBatch.maxRecords` entries of the replica from `first`, sealed to the peer
    /// (only the log's own side can open them); 416 with our size when there are none.
    func replica(from first: UInt64) async -> PeerResponse {
        await serializer.run {
            do {
                let head = try await self.store.treeHead(self.peer.inbound)
                guard first < head.size else { return .size(416, head.size) }
                let records = try await self.store.records(self.peer.inbound, in: first..<min(head.size, first + UInt64(SealedBatch.maxRecords)))
                let batch = try SealedBatch.seal(records.map { SealedBatch.Record(entry: $0.leaf, content: $0.content) },
                                                 origin: self.peer.inbound, first: first, to: self.peer.identity.keys)
                self.peer.logger.notice("sending \(records.count) entries of its own log back to \(self.peer.side), from \(first)")
                return PeerResponse(status: 200, contentType: "application/x.hotline.batch", body: batch.encoded)
            } catch {
                return .text(500, "the node could not read the replica: \(error)")
            }
        }
    }

    // MARK: - Checkpoints (C2SP tlog-witness add-checkpoint)

    /// POST /hotline/v1/add-checkpoint: cosign the peer's checkpoint once every entry below its
    /// size is stored and matches it.
    func addCheckpoint(_ body: [UInt8]) async -> PeerResponse {
        await serializer.run { await self.addCheckpointAlone(body) }
    }

    private func addCheckpointAlone(_ body: [UInt8]) async -> PeerResponse {
        do {
            if try await isBlocked() {
                return refuse(stoppedRefusal)
            }
            let request: AddCheckpointRequest
            let checkpoint: Checkpoint
            do {
                request = try AddCheckpointRequest(parsing: body)
                checkpoint = try Checkpoint(note: request.checkpoint)
            } catch { return refuse("malformed-checkpoint", 400, "\(error)") }
            guard checkpoint.origin == peer.inbound.text else {
                return refuse("unknown-log", 404, "this node cosigns no log \(checkpoint.origin.prefix(80)) for \(peer.side)")
            }
            do { _ = try peer.inboundLogPolicy.verify(request.checkpoint) } catch {
                return refuse("bad-checkpoint-signature", 403, "\(error)")
            }
            guard request.oldSize <= checkpoint.size else {
                return refuse("old-size-beyond-checkpoint", 400, "old size \(request.oldSize) is larger than the checkpoint's \(checkpoint.size)")
            }
            // Two different signed checkpoints of one size are equivocation, whatever else.
            if let stored = try await store.checkpoint(peer.inbound, size: checkpoint.size),
               let storedCheckpoint = try? Checkpoint(note: stored), storedCheckpoint.rootHash != checkpoint.rootHash {
                await raiseAlarm(.equivocation, "\(peer.side) signed two different checkpoints of size \(checkpoint.size)",
                                      first: stored.serialized, second: request.checkpoint.serialized)
                return refuse("equivocation", 422, "a different checkpoint of size \(checkpoint.size) was signed before; both are kept as evidence")
            }
            let last = try await latestCosigned()
            let cosigned = last.size
            guard request.oldSize == cosigned else { return .size(409, cosigned) }
            if cosigned > 0 || checkpoint.size > 0 {
                let oldRoot = last.root
                do {
                    try ConsistencyProof.verify(oldSize: cosigned, oldRoot: oldRoot, newSize: checkpoint.size, newRoot: checkpoint.rootHash,
                                                proof: request.consistencyProof)
                } catch {
                    let previous = try await store.checkpoint(peer.inbound, size: cosigned)?.serialized ?? "size \(cosigned)"
                    await raiseAlarm(.inconsistentCheckpoint, "\(peer.side)'s checkpoint of size \(checkpoint.size) is not consistent with the one we cosigned at \(cosigned)",
                                          first: previous, second: request.checkpoint.serialized)
                    return refuse("inconsistent-checkpoint", 422, "the checkpoint is not consistent with the one cosigned at size \(cosigned): \(error)")
                }
            }
            let head = try await currentReplicaHead()
            guard head.size >= checkpoint.size else { return .replicaSize(head.size) }
            let root = head.size == checkpoint.size ? head.rootHash : try await store.treeRoot(peer.inbound, size: checkpoint.size)
            guard root == checkpoint.rootHash else {
                await raiseAlarm(.checkpointContradictsEntries, "\(peer.side)'s checkpoint of size \(checkpoint.size) contradicts the entries it delivered",
                                      first: "root of delivered entries \(root.base64)", second: request.checkpoint.serialized)
                return refuse("checkpoint-contradicts-entries", 422, "the checkpoint's root is not the root of the entries delivered")
            }
            // Cosignature times never go backwards, and a heartbeat on an unchanged size gets a
            // later time than the receipt before it.
            let previous = last.timestamp
            let time = max(peer.clock.seconds, previous + (checkpoint.size == cosigned ? 1 : 0))
            let signatures = try peer.me.cosign(checkpoint, timestamp: time)
            try await store.saveCosignedCheckpoint(SignedNote(text: request.checkpoint.text, signatures: request.checkpoint.signatures),
                                                   cosignatures: signatures, timestamp: time, for: peer.inbound)
            lastCosigned = (checkpoint.size, checkpoint.rootHash, time)
            peer.metrics.cosignedSize(peer.inbound.text).set(Int64(checkpoint.size))
            peer.metrics.lastCosignature(peer.inbound.text).set(Int64(time))
            return PeerResponse(status: 200, contentType: "text/plain; charset=utf-8", body: Array(signatures.map(\.line).joined().utf8))
        } catch {
            peer.logger.error("add-checkpoint from \(peer.side) failed: \(error)")
            return .text(500, "the node could not cosign: \(error)")
        }
    }

    /// The answer while an alarm about this peer awaits an operator.
    private var stoppedRefusal: Refusal {
        Refusal(kind: "blocked", status: 403, reason: "deliveries from \(peer.side) are stopped: an alarm awaits an operator")
    }

    private func refuse(_ refusal: Refusal) -> PeerResponse {
        refuse(refusal.kind, refusal.status, refusal.reason)
    }

    private func refuse(_ kind: String, _ status: Int, _ reason: String) -> PeerResponse {
        peer.securityEvent(kind, reason, status: status)
        return .text(status, reason)
    }
}
