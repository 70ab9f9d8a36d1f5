import Foundation
import Hummingbird
import NIOCore

/// The link's health on the client API (docs/PROTOCOL.md section 12.2): the rounds of the link
/// since the node started, listed or drawn, and the cosigned checkpoints of each direction over
/// time. Any signed caller of this side may read them, as GET /api/v1/status.
extension NodeServer {
    /// The most checkpoints one request lists.
    static let maxCheckpointPage: UInt64 = 1_000

    func addLinkHealthAPI(to router: Router<BasicRequestContext>) {
        let node = self.node
        signed(router, .get, "api/v1/link/history") { request, _, _ in
            let peer = try Self.parameter(request, "peer")
            let limit = try Self.optionalNumber(request, "limit").map { Int(min($0, UInt64(LinkHistory.defaultCapacity))) }
            return try Self.json(200, try node.linkHistoryView(peer: peer, limit: limit))
        }
        signed(router, .get, "api/v1/link/plot.svg") { request, _, _ in
            let peer = try Self.parameter(request, "peer")
            let minutes = try Self.optionalNumber(request, "minutes") ?? UInt64(LinkPlot.defaultMinutes)
            guard (1...UInt64(LinkPlot.maxMinutes)).contains(minutes) else {
                throw NodeError.badRequest("minutes is from 1 to \(LinkPlot.maxMinutes) (a week), not \(minutes)")
            }
            let language: LinkPlot.Language
            if let text = request.uri.queryParameters.get("lang") {
                guard let chosen = LinkPlot.Language(rawValue: text) else {
                    throw NodeError.badRequest("lang is en or ru, not \"\(text.prefix(40))\"")
                }
                language = chosen
            } else {
                language = .en
            }
            let svg = try node.linkPlot(peer: peer, minutes: Int(minutes), language: language)
            // Drawn for this request from the node's memory: not to be cached. The picture has
            // no scripts and loads nothing; the policy says so to a browser that opens it.
            return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store",
                                                   .init("Content-Security-Policy")!: "default-src 'none'"],
                            body: .init(byteBuffer: ByteBuffer(string: svg)))
        }
        signed(router, .get, "api/v1/checkpoints") { request, _, _ in
            let log = try Self.parameter(request, "log")
            let peer = request.uri.queryParameters.get("peer")
            let limit = min(try Self.optionalNumber(request, "limit") ?? 100, Self.maxCheckpointPage)
            let before = try Self.optionalNumber(request, "before")
            return try Self.json(200, try await node.checkpointHistory(log: log, peer: peer, limit: Int(limit), before: before))
        }
    }
}
