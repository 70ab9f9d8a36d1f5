import Foundation
import HotlineRecord
import HotlineStore

/// Entries waiting to be appended to our log for one peer. Submissions that arrive while a
/// commit is running are appended together in the next one (group commit), highest precedence
/// first, so a flash entry overtakes routine ones still waiting.
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
        var arrival: UInt64
        var continuation: CheckedContinuation<Appended, any Error>
    }

    let peer: PeerContext
    let doorbell: Doorbell
    private let maxPerCommit: Int
    private var pending: [Pending] = []
    private var arrivals: UInt64 = 0
    private var draining = false

    init(peer: PeerContext, doorbell: Doorbell, maxPerCommit: Int = 1_000) {
        self.peer = peer
        self.doorbell = doorbell
        self.maxPerCommit = maxPerCommit
    }

    /// Appends a verified entry to the log and returns once it is durable.
    func submit(header: EntryHeader, signature: [UInt8], content: [UInt8]) async throws -> Appended {
        try await withCheckedThrowingContinuation { continuation in
            arrivals += 1
            pending.append(Pending(header: header, signature: signature, content: content, arrival: arrivals, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            pending.sort { ($0.header.precedence, -Int64($0.arrival)) > ($1.header.precedence, -Int64($1.arrival)) }
            let batch = Array(pending.prefix(maxPerCommit))
            pending.removeFirst(batch.count)
            do {
                let head = try await peer.store.treeHead(peer.outbound)
                let entries = batch.enumerated().map { offset, item in
                    Entry(sequence: head.size + UInt64(offset), header: item.header, authorSignature: item.signature)
                }
                let records = zip(entries, batch).map { LogRecord(sequence: $0.sequence, leaf: $0.encoded, content: $1.content) }
                let newHead = try await peer.store.append(records, to: peer.outbound)
                peer.metrics.entriesAppended(peer: peer.side.rawValue).increment(by: Int64(batch.count))
                peer.metrics.logSize(peer.outbound.text).set(Int64(newHead.size))
                for (entry, item) in zip(entries, batch) {
                    item.continuation.resume(returning: Appended(sequence: entry.sequence, leafHash: Merkle.leafHash(records[Int(entry.sequence - head.size)].leaf)))
                }
                await doorbell.ring()
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
