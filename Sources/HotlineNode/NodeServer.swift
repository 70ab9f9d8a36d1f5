import Foundation
import HotlineClient
import HotlineRecord
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
import Synchronization

/// Puts a node on the network: the peer endpoint (for the other side's node) and the client
/// API with health checks and metrics (for this side's tools, on loopback), plus the links.
/// Shuts down gracefully on SIGTERM/SIGINT.
public final class NodeServer: Sendable {
    public let node: Node
    private let ports = Mutex<(peer: Int?, api: Int?)>((nil, nil))
    private let ready = Mutex(false)
    private let group = Mutex<ServiceGroup?>(nil)

    public init(node: Node) {
        self.node = node
    }

    /// The ports actually bound (useful when configured with port 0).
    public var peerPort: Int? { ports.withLock { $0.peer } }
    public var apiPort: Int? { ports.withLock { $0.api } }
    public var isReady: Bool { ready.withLock { $0 } }

    /// Runs until cancelled or until a shutdown signal (when `signals` is not empty).
    public func run(signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        try await node.prepareLogs()
        guard let peerAddress = HostPort(node.configuration.peerListen), let apiAddress = HostPort(node.configuration.apiListen) else {
            throw NodeError.configuration("listen addresses must be host:port")
        }
        let peerServer: HTTPServerBuilder = if let tls = node.tls {
            try .tls(.http1(), tlsConfiguration: try PeerTLS.serverConfiguration(certificatePEM: tls.certificatePEM, privateKeyPEM: tls.privateKeyPEM))
        } else {
            .http1()
        }
        let peerApp = Application(
            router: peerRouter(),
            server: peerServer,
            configuration: .init(address: .hostname(peerAddress.host, port: peerAddress.port), serverName: "hotline-peer"),
            onServerRunning: { [self] channel in self.ports.withLock { $0.peer = channel.localAddress?.port } },
            logger: node.logger)
        let apiApp = Application(
            router: apiRouter(),
            // Clients connecting in a burst wait in the accept queue instead of being reset (256 by default).
            configuration: .init(address: .hostname(apiAddress.host, port: apiAddress.port), serverName: "hotline-api", backlog: 4096),
            onServerRunning: { [self] channel in self.ports.withLock { $0.api = channel.localAddress?.port } },
            logger: node.logger)
        let links = LinksService(node: node)
        let group = ServiceGroup(configuration: .init(services: [peerApp, apiApp, links], gracefulShutdownSignals: signals, logger: node.logger))
        self.group.withLock { $0 = group }
        ready.withLock { $0 = true }
        node.logger.info("node \(node.identity.side) (\(node.configuration.name)) starting: peer endpoint \(node.configuration.peerListen), API \(node.configuration.apiListen), fingerprint \(node.identity.fingerprint)")
        defer { ready.withLock { $0 = false } }
        try await group.run()
        await node.shutdown()
        node.logger.info("node \(node.identity.side) stopped")
    }

    /// Stops the node as SIGTERM would: the servers stop accepting, finish what they are doing,
    /// and `run` returns.
    public func shutdown() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
    }

    // MARK: - Peer endpoint

    func peerRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let node = self.node
        router.post("hotline/v1/batches") { request, _ -> Response in
            guard let body = try? await request.body.collect(upTo: SealedBatch.maxEncodedSize) else {
                return Self.tooLarge(node, "batch", SealedBatch.maxEncodedSize)
            }
            return Self.response(await node.receiveBatch(Array(buffer: body)))
        }
        router.post("hotline/v1/add-checkpoint") { request, _ -> Response in
            let limit = SignedNote.maxSize + 64 * (AddCheckpointRequest.maxProofLines + 1)
            guard let body = try? await request.body.collect(upTo: limit) else {
                return Self.tooLarge(node, "add-checkpoint", limit)
            }
            return Self.response(await node.addCheckpoint(Array(buffer: body)))
        }
        router.get("hotline/v1/replica") { request, _ -> Response in
            Self.response(await node.replica(log: request.uri.queryParameters.get("log"), from: request.uri.queryParameters.get("from")))
        }
        router.get("health/live") { _, _ in "ok\n" }
        return router
    }

    static func tooLarge(_ node: Node, _ what: String, _ limit: Int) -> Response {
        node.logger.warning("security event: oversized \(what) body", metadata: ["security_event": "oversized-body"])
        node.metrics.securityEvents(kind: "oversized-body").increment()
        return response(.text(413, "\(what) body larger than \(limit) bytes"))
    }

    static func response(_ answer: PeerResponse) -> Response {
        Response(status: .init(code: answer.status), headers: [.contentType: answer.contentType],
                 body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    // MARK: - Client API

    func apiRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let node = self.node
        let server = self
        router.get("health/live") { _, _ in "ok\n" }
        router.get("health/ready") { _, _ -> Response in
            guard server.isReady, server.peerPort != nil, server.apiPort != nil, (try? await node.store.logs()) != nil else {
                return Self.response(.text(503, "starting"))
            }
            return Self.response(.text(200, "ready"))
        }
        router.get("metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: node.metrics.text())))
        }
        addOfficialsAPI(to: router)
        addLinkHealthAPI(to: router)
        addConsoleKeysAPI(to: router)
        return router
    }

    static func json(_ status: Int, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// The links as a service of the node's service group.
struct LinksService: Service {
    let node: Node

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await node.runLinks()
        }
        // Graceful shutdown: long-lived responses (event streams) end now.
        node.stopping.withLock { $0 = true }
    }
}

