import AsyncHTTPClient
import Foundation
import HotlineRecord
import HotlineStore
import Logging
import NIOCore

/// The sending half of the link for one peer: pushes our new entries in order, in batches,
/// then submits our checkpoint (tlog-witness add-checkpoint) and stores the peer's cosignature.
/// With nothing to send it re-submits the checkpoint every heartbeat for a fresh receipt. When
/// the peer is unreachable it backs off with jitter and fails over between its addresses.
actor PeerLink {
    let peer: PeerContext
    let http: HTTPClient
    let doorbell: Doorbell
    let outbox: Outbox
    let heartbeat: Duration
    let batchSize: Int
    let requestTimeout: TimeAmount
    /// Each completed or failed round, in memory since the node started.
    let history: LinkHistory

    /// What we learned of the peer's state (reset after failures).
    private var peerReplicaSize: UInt64?
    private var peerCosignedSize: UInt64?
    private var addressIndex = 0
    private var failures = 0
    private(set) var lastReceiptAt: Date?
    private(set) var lastError: String?
    private(set) var lastAttemptAt: Date?
    /// Our latest receipt (the peer's cosignature with the largest size and time), read from the
    /// store once and then kept here: the link alone stores receipts for our log.
    private var receipt: CosignatureMark?
    private var receiptLoaded = false
    /// The first round after start always asks for a receipt, so that a node restored from an
    /// old back-up learns at once that the peer holds more of its log than it does.
    private var contacted = false
    /// Submissions waiting for a receipt; woken as receipts are stored.
    let receipts = ReceiptWaiters()
    /// Batches posted since start, so that a round knows whether it delivered entries.
    private var batchesPosted: UInt64 = 0
    /// The previous round's receipt request, still travelling while this round pushes batches
    /// (only while entries stream); settled before the next receipt request.
    private var receiptInFlight: Task<Void, any Error>?
    /// Receipts asked for while the next round pushed (for tests and diagnosis).
    private(set) var receiptsAskedWhilePushing = 0

    init(peer: PeerContext, http: HTTPClient, doorbell: Doorbell, outbox: Outbox, heartbeat: Duration, batchSize: Int,
         requestTimeout: TimeAmount = .seconds(30), history: LinkHistory = LinkHistory()) {
        self.peer = peer
        self.http = http
        self.doorbell = doorbell
        self.outbox = outbox
        self.heartbeat = heartbeat
        self.batchSize = batchSize
        self.requestTimeout = requestTimeout
        self.history = history
    }

    var currentAddress: String { peer.addresses[addressIndex % peer.addresses.count] }

    /// Runs until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                let heartbeatDue: Duration
                do { heartbeatDue = try await synchronize() } catch let LinkError.peerAhead(held, ours) {
                    try await recover(from: ours, to: held)
                    continue
                }
                failures = 0
                lastError = nil
                if heartbeatDue > .zero { await doorbell.wait(timeout: heartbeatDue) }
            } catch is CancellationError {
                break
            } catch {
                dropReceiptInFlight()
                failures += 1
                lastError = "\(error)"
                history.record(.failure(at: peer.clock.milliseconds, error: "\(error)"))
                peerReplicaSize = nil
                peerCosignedSize = nil
                peer.metrics.linkFailures(peer: peer.side.rawValue).increment()
                if peer.addresses.count > 1 { addressIndex += 1 }
                let delay = Self.backoff(failures: failures)
                peer.logger.notice("link to \(peer.side) failed (\(failures) in a row), retrying in \(delay) via \(currentAddress): \(error)")
                await doorbell.wait(timeout: delay)
            }
        }
        dropReceiptInFlight()
        receipts.stop()
    }

    /// Batches pushed before asking for a receipt: under load a round takes this many, so the
    /// checkpoint's cost is shared; an idle link's single entry goes alone.
    static let batchesPerRound = 5
    /// Batches sent before the answer to the first of them: the peer checks one while it
    /// stores another, and a third is on its way (the cores idled ~1.5 points less than with two).
    static let batchesTravelling = 3

    /// Exponential backoff from 50 ms to 5 s with full jitter, so that two nodes restarting
    /// together do not retry in lockstep.
    static func backoff(failures: Int) -> Duration {
        let ceiling = min(5.0, 0.05 * pow(2.0, Double(min(failures, 10))))
        return .milliseconds(Int(Double.random(in: 0.25...1.0) * ceiling * 1000))
    }

    /// One round: push up to `batchesPerRound` batches the peer lacks and get a receipt for
    /// them, or a fresh receipt if ours is stale. Returns how long to wait before the next
    /// round: zero while entries remain, else until the next heartbeat.
    private func synchronize() async throws -> Duration {
        lastAttemptAt = peer.clock.now()
        let head = try await peer.store.treeHead(peer.outbound)
        let receipt = try await latestReceipt()
        let cosigned = receipt?.size ?? 0
        let start = try await replicaSize()
        let target = min(head.size, start + UInt64(batchSize * Self.batchesPerRound))
        let age = receipt.map { peer.clock.now().timeIntervalSince1970 - Double($0.timestamp) } ?? .infinity
        let heartbeatSeconds = Double(heartbeat.components.seconds) + Double(heartbeat.components.attoseconds) / 1e18
        // The checkpoint for what this round delivers is signed while the batches travel.
        var signing: Task<SignedNote, any Error>?
        let receiptDue = receipt == nil || !contacted || age >= heartbeatSeconds
        if receiptDue || cosigned < target {
            let root = target == head.size ? head.rootHash : try await peer.store.treeRoot(peer.outbound, size: target)
            let (keys, checkpoint) = (peer.me, Checkpoint(origin: peer.outbound.text, size: target, rootHash: root))
            signing = Task.detached { try keys.signCheckpoint(checkpoint) }
        }
        defer { signing?.cancel() }
        // The round's latency runs from here (its first push, or its receipt request) to the
        // receipt stored; monotonic, so that a clock set back does not bend it.
        let roundStarted = ContinuousClock.now
        let postedBefore = batchesPosted
        let reached = try await pushEntries(upTo: target, logSize: head.size)

        if receiptDue || cosigned < reached {
            // The checkpoint signed while the batches travelled, if they all arrived.
            let signed = reached == target ? try await signing?.value : nil
            let covered: TreeHead
            if let signed {
                covered = TreeHead(size: target, rootHash: try Checkpoint(note: signed).rootHash)
            } else {
                covered = TreeHead(size: reached, rootHash: reached == head.size ? head.rootHash : try await peer.store.treeRoot(peer.outbound, size: reached))
            }
            let kind: LinkHistory.Sample.Kind = batchesPosted > postedBefore ? .delivery : .heartbeat
            // Receipts are asked for in order, one at a time.
            try await settleReceiptInFlight()
            if contacted, try await peer.store.treeHead(peer.outbound).size >= reached + UInt64(batchSize) {
                // A full batch waits: push it while the peer cosigns this round's checkpoint,
                // so that its checks do not stop for the receipt's round trip and commits.
                // (Fewer entries wait for the receipt, and gather meanwhile: a round's
                // checkpoint costs the same for one batch as for five.)
                receiptsAskedWhilePushing += 1
                receiptInFlight = Task {
                    try await self.requestReceipt(for: covered, signed: signed, whilePushing: true)
                    self.recordRound(kind, startedAt: roundStarted, size: covered.size)
                }
                return .zero
            }
            try await requestReceipt(for: covered, signed: signed)
            recordRound(kind, startedAt: roundStarted, size: covered.size)
        }
        if reached < head.size { return .zero }
        let fresh = try await latestReceipt()
        let freshAge = fresh.map { peer.clock.now().timeIntervalSince1970 - Double($0.timestamp) } ?? 0
        return .milliseconds(Int(max(0.001, heartbeatSeconds - max(0, freshAge)) * 1000))
    }

    /// Waits for the previous round's receipt, if it is still being asked for; its failure is this round's.
    private func settleReceiptInFlight() async throws {
        guard let request = receiptInFlight else { return }
        receiptInFlight = nil
        try await request.value
    }

    /// Cancels the previous round's receipt request, if any: after a failure, a recovery or at stop.
    private func dropReceiptInFlight() {
        receiptInFlight?.cancel()
        receiptInFlight = nil
    }

    /// The round's latency runs from its first push (or its receipt request) to the receipt stored.
    private func recordRound(_ kind: LinkHistory.Sample.Kind, startedAt started: ContinuousClock.Instant, size: UInt64) {
        let latency = ContinuousClock.now - started
        let milliseconds = Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15
        history.record(LinkHistory.Sample(at: peer.clock.milliseconds, kind: kind, latencyMs: milliseconds, size: size))
    }

    /// Pushes entries from where the peer's replica ends up to `target` (our log holds `size`).
    /// Returns the size of the peer's replica. Three batches travel at once and the next one is
    /// sealed meanwhile, so that the peer checks one while it stores another; their answers are
    /// taken in order.
    @discardableResult
    private func pushEntries(upTo target: UInt64, logSize size: UInt64) async throws -> UInt64 {
        var next = try await replicaSize()
        var sendFrom = next
        var sealing: Task<SealedBatch, any Error>? = sendFrom < target ? prepare(sendFrom..<min(target, sendFrom + UInt64(batchSize))) : nil
        var travelling: [(end: UInt64, answer: Task<Answer, any Error>)] = []
        defer {
            sealing?.cancel()
            for batch in travelling { batch.answer.cancel() }
        }
        while next < target {
            while travelling.count < Self.batchesTravelling, sendFrom < target, let current = sealing {
                let batch = try await current.value
                let end = batch.first + UInt64(batch.sealedRecords.count)
                sendFrom = end
                sealing = end < target ? prepare(end..<min(target, end + UInt64(batchSize))) : nil
                let body = batch.encoded
                batchesPosted += 1
                travelling.append((end, Task { try await self.post("hotline/v1/batches", body: body, contentType: "application/x.hotline.batch") }))
            }
            guard !travelling.isEmpty else { break }
            let (end, answer) = travelling.removeFirst()
            let response = try await answer.value
            switch response.status {
            case 200, 409:
                guard let held = UInt64(response.text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw LinkError.badAnswer("batch answer \(response.status) without a size: \(response.text.prefix(80))")
                }
                guard held <= size else { throw LinkError.peerAhead(held, size) }
                if response.status == 409 { peer.logger.info("\(peer.side) holds \(held) entries of our log; resending from there") }
                next = held
                if held != end {
                    // The peer holds something else than expected: drop what is travelling and
                    // start again from there.
                    for batch in travelling { _ = try? await batch.answer.value }
                    travelling = []
                    sealing?.cancel()
                    sendFrom = next
                    sealing = next < target ? prepare(next..<min(target, next + UInt64(batchSize))) : nil
                }
            default:
                throw LinkError.refused(response.status, response.text)
            }
        }
        peerReplicaSize = next
        return next
    }

    /// The peer holds more of our log than we do: we were restored from an old back-up. Take
    /// our own entries back from its replica, checking each: sealed to us, in sequence, from us
    /// to it, content matching; the outbox then judges them by the rules, signatures included,
    /// in order. They are appended only if our log
    /// still ends where they begin; otherwise our log has diverged and the link stops.
    private func recover(from ours: UInt64, to held: UInt64) async throws {
        peer.logger.warning("\(peer.side) holds \(held) entries of our log, we hold \(ours): recovering them from its replica")
        dropReceiptInFlight()
        await outbox.recoveryStarted()
        var next = ours
        while next < held {
            let answer = try await get("hotline/v1/replica?log=\(peer.outbound.text)&from=\(next)")
            guard answer.status == 200 else { throw LinkError.refused(answer.status, answer.text) }
            let batch = try SealedBatch(encoded: answer.body)
            guard batch.origin == peer.outbound, batch.first == next else {
                throw LinkError.badAnswer("\(peer.side) answered with entries \(batch.first)… of \(batch.origin), not \(next)… of \(peer.outbound)")
            }
            var recovered: [LogRecord] = []
            for (offset, record) in try batch.open(with: peer.me).enumerated() {
                let sequence = next + UInt64(offset)
                let entry = try Entry(encoded: record.entry)
                guard entry.sequence == sequence, entry.header.sender == peer.me.side, entry.header.recipient == peer.side else {
                    throw LinkError.badAnswer("recovered entry \(sequence) is not entry \(sequence) from us to \(peer.side)")
                }
                try entry.checkContent(record.content)
                recovered.append(LogRecord(sequence: sequence, leaf: record.entry, content: record.content))
            }
            do {
                next = try await outbox.recover(recovered)
            } catch let error as LinkError {
                peer.logger.critical("ALARM: our log to \(peer.side) diverged from the copy it holds (\(error)): entries were appended after a back-up was restored and before the link recovered. Deliveries to \(peer.side) stop; see docs/OPERATIONS.md, Back-up.",
                                     metadata: ["alarm": "own-log-diverged", "peer": "\(peer.side)"])
                throw error
            }
        }
        peerReplicaSize = nil
        peerCosignedSize = nil
        receiptLoaded = false
        peer.logger.notice("recovered our log to \(peer.side) up to \(next) entries")
    }

    /// Reads (from what the outbox appended last, else the store) and seals entries `range` of
    /// our log for the peer, off the actor.
    private func prepare(_ range: Range<UInt64>) -> Task<SealedBatch, any Error> {
        let (store, origin, keys, recent) = (peer.store, peer.outbound, peer.identity.keys, outbox.recent)
        return Task.detached {
            let records = if let kept = recent.records(in: range) { kept } else { try await store.records(origin, in: range) }
            return try SealedBatch.seal(records.map { SealedBatch.Record(entry: $0.leaf, content: $0.content) },
                                        origin: origin, first: range.lowerBound, to: keys)
        }
    }

    /// `whilePushing`: the next round is pushing batches meanwhile, so a peer that lacks entries
    /// makes this request fail (the next round starts again from what the peer holds) instead
    /// of pushing them from here too.
    private func requestReceipt(for head: TreeHead, signed: SignedNote? = nil, whilePushing: Bool = false) async throws {
        // Signed afresh when not given; it is stored with the receipt, in one commit. Two
        // signatures on one size carry the same text (the tree decides the root), so signing
        // again after a crash is not equivocation.
        let note: SignedNote
        if let signed {
            note = signed
        } else if let stored = try await peer.store.checkpoint(peer.outbound, size: head.size) {
            note = stored
        } else {
            note = try peer.me.signCheckpoint(Checkpoint(origin: peer.outbound.text, size: head.size, rootHash: head.rootHash))
        }
        for _ in 0..<3 {
            let old: UInt64
            if let known = peerCosignedSize { old = known } else { old = try await latestReceipt()?.size ?? 0 }
            let proof = try await peer.store.consistencyProof(peer.outbound, from: min(old, head.size), to: head.size)
            let request = AddCheckpointRequest(oldSize: old, consistencyProof: proof, checkpoint: note)
            let response = try await post("hotline/v1/add-checkpoint", body: Array(request.encoded.utf8), contentType: "text/plain; charset=utf-8")
            switch (response.status, response.contentType) {
            case (200, _):
                try await storeReceipt(note: note, lines: response.text, size: head.size)
                if !contacted {
                    contacted = true
                    await outbox.contact()
                }
                peerCosignedSize = head.size
                return
            case (409, "text/x.tlog.size"):
                guard let size = UInt64(response.text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw LinkError.badAnswer("\(peer.side) answered 409 without a size: \(response.text.prefix(40))")
                }
                guard size <= head.size else { throw LinkError.peerAhead(size, head.size) }
                peerCosignedSize = size
            case (409, "text/x.hotline.replica-size"):
                guard let size = UInt64(response.text.trimmingCharacters(in: .whitespacesAndNewlines)), size <= head.size else {
                    throw LinkError.badAnswer("\(peer.side) reports a replica of \(response.text.prefix(40)) entries")
                }
                if whilePushing { throw LinkError.badAnswer("\(peer.side) holds \(size) entries of our log, not the \(head.size) it acknowledged; pushing again from there") }
                peerReplicaSize = size
                try await pushEntries(upTo: head.size, logSize: head.size)
            default:
                throw LinkError.refused(response.status, response.text)
            }
        }
        throw LinkError.badAnswer("\(peer.side) kept answering 409 to our checkpoint")
    }

    /// Verifies the peer's cosignature lines against our checkpoint before keeping them.
    private func storeReceipt(note: SignedNote, lines: String, size: UInt64) async throws {
        let cosignatures = try SignedNote(parsing: note.text + "\n" + lines).signatures
        let cosigned = SignedNote(text: note.text, signatures: note.signatures + cosignatures)
        // Our own two signatures were just made (or read from our store): check theirs.
        let verified = try CheckpointPolicy(logKeys: [], cosignerKeys: try peer.identity.keys.cosignerVerifierKeys()).verify(cosigned)
        guard let time = verified.cosignedAt else { throw LinkError.badAnswer("the receipt carries no time") }
        let keys = try peer.identity.keys.cosignerVerifierKeys()
        let theirs = cosignatures.filter { line in keys.contains { $0.name == line.keyName && $0.keyID == line.keyID } }
        try await peer.store.saveCosignedCheckpoint(note, cosignatures: theirs, timestamp: time, for: peer.outbound)
        if size >= (receipt?.size ?? 0) { receipt = CosignatureMark(size: size, timestamp: max(time, receipt?.timestamp ?? 0)) }
        lastReceiptAt = peer.clock.now()
        peer.metrics.cosignedSize(peer.outbound.text).set(Int64(size))
        peer.metrics.lastCosignature(peer.outbound.text).set(Int64(time))
        receipts.received(upTo: size)
    }

    /// Where the peer's replica of our log ends, as far as we know: what it last told us, else
    /// what our latest receipt covers.
    private func replicaSize() async throws -> UInt64 {
        if let peerReplicaSize { return peerReplicaSize }
        return try await latestReceipt()?.size ?? 0
    }

    private func latestReceipt() async throws -> CosignatureMark? {
        if !receiptLoaded {
            let stored = try await peer.store.latestCosignature(peer.outbound)
            // A receipt stored while we read wins over what was read.
            if !receiptLoaded, let stored, stored.size >= (receipt?.size ?? 0) {
                receipt = CosignatureMark(size: stored.size, timestamp: max(stored.timestamp, receipt?.timestamp ?? 0))
            }
            receiptLoaded = true
            if let receipt { receipts.received(upTo: receipt.size) }
        }
        return receipt
    }

    struct Answer {
        var status: Int
        var contentType: String
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private func get(_ path: String) async throws -> Answer {
        let base = currentAddress.hasSuffix("/") ? String(currentAddress.dropLast()) : currentAddress
        var request = HTTPClientRequest(url: "\(base)/\(path)")
        request.headers.add(name: "Hotline-Side", value: peer.me.side.rawValue)
        let response: HTTPClientResponse
        do { response = try await http.execute(request, timeout: requestTimeout) } catch {
            throw LinkError.unreachable(base, error)
        }
        let bytes = try await response.body.collect(upTo: SealedBatch.maxEncodedSize)
        let type = response.headers.first(name: "Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return Answer(status: Int(response.status.code), contentType: type, body: Array(buffer: bytes))
    }

    private func post(_ path: String, body: [UInt8], contentType: String) async throws -> Answer {
        let base = currentAddress.hasSuffix("/") ? String(currentAddress.dropLast()) : currentAddress
        var request = HTTPClientRequest(url: "\(base)/\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "Hotline-Side", value: peer.me.side.rawValue)
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do { response = try await http.execute(request, timeout: requestTimeout) } catch {
            throw LinkError.unreachable(base, error)
        }
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let type = response.headers.first(name: "Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return Answer(status: Int(response.status.code), contentType: type, body: Array(buffer: bytes))
    }

    /// The link as `hotline status` shows it.
    func status() -> (address: String, lastReceiptAt: Date?, lastError: String?, failures: Int) {
        (currentAddress, lastReceiptAt, lastError, failures)
    }
}

enum LinkError: Error, CustomStringConvertible {
    case refused(Int, String)
    case badAnswer(String)
    case unreachable(String, any Error)
    /// The peer holds `held` entries of our log, we hold `ours`.
    case peerAhead(UInt64, UInt64)
    case diverged(String)

    var description: String {
        switch self {
        case let .refused(status, text): "the peer refused with \(status): \(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))"
        case let .badAnswer(reason): reason
        case let .peerAhead(held, ours): "the other side holds \(held) entries of our log, we hold \(ours) (restored from an old back-up?)"
        case let .diverged(reason): "our log diverged from the other side's copy: \(reason)"
        case let .unreachable(address, error):
            switch "\(error)" {
            case let text where text.contains("Connection refused"): "cannot reach \(address): connection refused (is the other side's node running?)"
            case let text where text.lowercased().contains("certificate") || text.contains("handshake"):
                "cannot reach \(address): TLS failed, the certificate is not the one in its identity file (\(text.prefix(120)))"
            case let text: "cannot reach \(address): \(text.prefix(200))"
            }
        }
    }
}
