import Foundation
import HotlineClient
import HotlineRecord
import HotlineStore

extension Node {
    public func status() async throws -> NodeStatus {
        let now = clock.now()
        let open = try await store.evidence(openOnly: true)
        var peerStatuses: [NodeStatus.Peer] = []
        for peer in peers.values.sorted(by: { $0.context.side < $1.context.side }) {
            func direction(_ origin: LogOrigin) async throws -> NodeStatus.Direction {
                let head = try await store.treeHead(origin)
                let mark = try await store.latestCosignature(origin)
                let when = mark.map { Date(timeIntervalSince1970: Double($0.timestamp)) }
                return NodeStatus.Direction(
                    log: origin.text, size: head.size, cosignedSize: mark?.size ?? 0, lag: head.size - min(head.size, mark?.size ?? 0),
                    lastCosignedAt: when.map { ISO8601DateFormatter().string(from: $0) },
                    lastCosignedSecondsAgo: when.map { max(0, now.timeIntervalSince($0)) })
            }
            let link = await peer.link.status()
            peerStatuses.append(NodeStatus.Peer(
                side: peer.context.side.rawValue, name: peer.context.identity.name, fingerprint: peer.context.identity.fingerprint,
                address: link.address, sent: try await direction(peer.context.outbound), received: try await direction(peer.context.inbound),
                linkFailures: link.failures, lastError: link.lastError,
                openAlarms: open.filter { $0.origin == peer.context.inbound }.map { "\($0.kind.rawValue): \($0.detail)" },
                heartbeatSeconds: configuration.heartbeatSeconds, lastExchangeSecondsAgo: link.lastReceiptAt.map { max(0, now.timeIntervalSince($0)) }))
        }
        return NodeStatus(side: keys.side.rawValue, name: configuration.name, fingerprint: identity.fingerprint,
                          time: ISO8601DateFormatter().string(from: now), peers: peerStatuses, openAlarms: open.count)
    }
}
