import Foundation
import HotlineRecord
import HotlineRules
import HotlineStore

/// The link's health for the client API: the rounds of the link to each paired side since the
/// node started (LinkHistory, in memory), drawn or listed, and the cosigned checkpoints of
/// either direction over time (the store, durable).
extension Node {
    /// The link's rounds to a paired side since the node started.
    public func linkHistory(peer side: String) throws -> LinkHistory {
        guard let peer = peers[side] else { throw NodeError.unknownPeer(String(side.prefix(64))) }
        return peer.history
    }

    /// GET /api/v1/link/history: the latest `limit` rounds (all that are kept by default), oldest first.
    public func linkHistoryView(peer side: String, limit: Int? = nil) throws -> LinkHistoryView {
        let samples = try linkHistory(peer: side).samples(limit: limit)
        return LinkHistoryView(peer: side, samples: samples.map(LinkHistoryView.Sample.init))
    }

    /// GET /api/v1/link/plot.svg: the rounds of the last `minutes`, drawn.
    public func linkPlot(peer side: String, minutes: Int, language: LinkPlot.Language) throws -> String {
        let history = try linkHistory(peer: side)
        let name = peers[side].map { "\($0.context.side) (\($0.context.identity.name))" } ?? side
        return LinkPlot.svg(samples: history.samples(), now: clock.now(), minutes: minutes, peer: name, language: language)
    }

    /// GET /api/v1/checkpoints: the cosignatures of one direction, most recent first. `log` is
    /// a side: this side for our log to the peer (the receipts it gave us), a paired side for
    /// its log to us (the receipts we gave). With several paired sides, `peer` says which link
    /// this side's own log is on.
    public func checkpointHistory(log side: String, peer: String? = nil, limit: Int, before: UInt64?) async throws -> CheckpointHistoryView {
        let origin: LogOrigin
        if side == keys.side.rawValue {
            let runtime: PeerRuntime
            if let peer {
                guard let named = peers[peer] else { throw NodeError.unknownPeer(String(peer.prefix(64))) }
                runtime = named
            } else {
                runtime = try onlyPeer("say which link with peer=SIDE")
            }
            origin = runtime.context.outbound
        } else {
            guard let runtime = peers[side] else {
                throw NodeError.notFound("no log of \(side.prefix(64)) here: log= is this side (\(keys.side)) for our log, or a paired side for its log to us")
            }
            if let peer, peer != side { throw NodeError.badRequest("log=\(side.prefix(64)) is the log of \(side.prefix(64)) to us; peer= can only name that side") }
            origin = runtime.context.inbound
        }
        let head = try await store.treeHead(origin)
        let marks = try await store.cosignatures(origin, limit: limit, before: before)
        return CheckpointHistoryView(log: origin.text, sender: origin.sender.rawValue, cosigner: origin.recipient.rawValue, size: head.size,
                                     cosignatures: marks.map { .init(size: $0.size, cosignedAt: Self.rfc3339(seconds: $0.timestamp), timestamp: $0.timestamp) })
    }

    /// RFC 3339 of a cosignature's time. A time past the year 9999, which only a broken or
    /// hostile cosigner gives, is written as the last second of 9999 (`timestamp` stays exact).
    static func rfc3339(seconds: UInt64) -> String {
        UTCTime.format(min(seconds, 253_402_300_799) * 1000)
    }
}

/// GET /api/v1/link/history: the rounds of the link to a paired side since the node started.
public struct LinkHistoryView: Codable, Sendable {
    public struct Sample: Codable, Sendable, Equatable {
        /// When the round ended, RFC 3339 UTC with whole seconds.
        public var at: String
        /// The same, in milliseconds since the epoch.
        public var atMs: UInt64
        /// `delivery`, `heartbeat` or `failure`.
        public var kind: String
        /// From the round's first push (or receipt request) to the receipt stored; absent for a failure.
        public var latencyMs: Double?
        /// The size of our log the receipt covers; absent for a failure.
        public var size: UInt64?
        /// Why the round failed; only for a failure.
        public var error: String?

        init(_ sample: LinkHistory.Sample) {
            at = UTCTime.format(sample.at)
            atMs = sample.at
            kind = sample.kind.rawValue
            latencyMs = sample.latencyMs.map { ($0 * 1000).rounded() / 1000 }
            size = sample.size
            error = sample.error
        }
    }

    public var peer: String
    /// Oldest first.
    public var samples: [Sample]
}

/// GET /api/v1/checkpoints: one direction's cosigned checkpoints over time.
public struct CheckpointHistoryView: Codable, Sendable {
    public struct Cosignature: Codable, Sendable, Equatable {
        public var size: UInt64
        /// RFC 3339 UTC, whole seconds.
        public var cosignedAt: String
        /// The cosignature's timestamp, seconds since the epoch (C2SP tlog-cosignature).
        public var timestamp: UInt64
    }

    /// The log's origin, hotline/<sender>/<recipient>.
    public var log: String
    public var sender: String
    public var cosigner: String
    /// The log's size now (for the other side's log: the entries this node holds).
    public var size: UInt64
    /// Most recent first.
    public var cosignatures: [Cosignature]
}
