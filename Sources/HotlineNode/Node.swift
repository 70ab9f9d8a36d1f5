import AsyncHTTPClient
import Foundation
import HotlineClient
import HTTPMessageSignatures
import HotlineRecord
import HotlineRules
import HotlineStore
import Logging
import Synchronization

/// One side's node: its keys, its store, and for each paired side a receiver, an outbox and a
/// link. `NodeServer` puts it on the network.
public final class Node: Sendable {
    public let configuration: NodeConfiguration
    public let identity: SideIdentity
    public let store: SQLiteStore
    public let metrics: NodeMetrics
    let keys: SideKeys
    let operatorKey: AuthorKey
    let clock: NodeClock
    let logger: Logger
    let http: HTTPClient
    /// Clients pinned to a peer's TLS certificate, one per peer that has one.
    let pinnedClients: [HTTPClient]
    /// The peer endpoint's TLS key and certificate, when it serves TLS.
    let tls: PeerTLS.Credentials?
    let peers: [String: PeerRuntime]
    let startedAt: Date
    /// Items sealed for authors who cannot seal, waiting for their signature (Node+Drafts).
    let drafts = Mutex<[String: Draft]>([:])
    /// Set when the node begins its graceful shutdown.
    let stopping = Mutex(false)
    /// Overdue entries already raised as alarms, so that each is raised once.
    let escalated = Mutex(Set<String>())
    /// Nonces of signed API requests seen within the signature window.
    let replayGuard = Mutex(ReplayGuard(policy: .hotline))
    /// Operators' browser keys for the web console, by key ID (Node+ConsoleKeys).
    let consoleKeys: Mutex<[Hash: ConsoleKey]>

    struct PeerRuntime: Sendable {
        let context: PeerContext
        let receiver: Receiver
        let outbox: Outbox
        let link: PeerLink
        let doorbell: Doorbell
        /// The link's rounds since the node started (Node+LinkHealth).
        let history: LinkHistory
    }

    /// Opens the node in `directory`, with `environment` overriding its configuration.
    public convenience init(directory: NodeDirectory, environment: [String: String] = ProcessInfo.processInfo.environment,
                            clock: NodeClock = .system, logger: Logger = Logger(label: "hotline")) throws {
        let configuration = try directory.loadConfiguration().overridden(by: environment)
        let secrets = try directory.loadSecrets()
        let identities = try configuration.peers.map { try directory.peerIdentity($0.side) }
        let tls = try directory.tlsCredentials()
        let store = try SQLiteStore(path: directory.url.appendingPathComponent(configuration.store).path)
        try self.init(configuration: configuration, secrets: secrets, peerIdentities: identities, store: store, tls: tls,
                      clock: clock, logger: logger)
    }

    public init(configuration: NodeConfiguration, secrets: NodeDirectory.Secrets, peerIdentities: [SideIdentity],
                store: SQLiteStore, tls: PeerTLS.Credentials? = nil, clock: NodeClock = .system, logger: Logger = Logger(label: "hotline")) throws {
        try configuration.validate()
        guard secrets.keys.side.rawValue == configuration.side else {
            throw NodeError.configuration("the keys belong to \(secrets.keys.side), the configuration to \(configuration.side)")
        }
        self.configuration = configuration
        self.keys = secrets.keys
        self.operatorKey = secrets.operatorKey
        if configuration.peerTLS, tls == nil {
            throw NodeError.configuration("peerTLS is on but the node has no TLS certificate (tls.crt and tls.key in its data directory; nodes made by `hotline init` have them)")
        }
        self.tls = configuration.peerTLS ? tls : nil
        self.identity = try SideIdentity(keys: secrets.keys, name: configuration.name, operatorKey: secrets.operatorKey.publicKey,
                                         addresses: configuration.advertisedAddresses, tlsCertificate: tls?.certificateDER)
        self.store = store
        self.consoleKeys = Mutex(Dictionary(try store.consoleKeys().map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first }))
        self.clock = clock
        self.logger = logger
        self.metrics = NodeMetrics()
        self.startedAt = clock.now()
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        // The link does its own backoff and failover; a refused connection must fail at once
        // rather than be retried inside the client until the request times out.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        var peers: [String: PeerRuntime] = [:]
        var pinnedClients: [HTTPClient] = []
        for peerConfiguration in configuration.peers {
            guard let identity = peerIdentities.first(where: { $0.side.rawValue == peerConfiguration.side }) else {
                throw NodeError.unknownPeer(peerConfiguration.side)
            }
            // A peer reached over https is trusted by the certificate in its signed identity alone.
            var client = http
            if peerConfiguration.addresses.contains(where: { $0.hasPrefix("https://") }) {
                guard let certificate = identity.tlsCertificate else {
                    throw NodeError.configuration("\(identity.side) is reached over https but its identity carries no TLS certificate; use http:// or pair with a newer identity file")
                }
                var pinned = httpConfiguration
                pinned.tlsConfiguration = try PeerTLS.clientConfiguration(pinning: certificate)
                client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: pinned)
                pinnedClients.append(client)
            }
            var peerLogger = logger
            peerLogger[metadataKey: "peer"] = "\(identity.side)"
            let book = RecordBook(me: secrets.keys, ownOperatorKey: secrets.operatorKey.publicKey, peer: identity, store: store, logger: peerLogger)
            let context = PeerContext(me: secrets.keys, ownOperatorKey: secrets.operatorKey.publicKey, identity: identity, addresses: peerConfiguration.addresses, store: store,
                                      clock: clock, metrics: metrics, logger: peerLogger, book: book)
            let doorbell = Doorbell()
            let outbox = Outbox(peer: context, doorbell: doorbell, contactGrace: .milliseconds(Int(configuration.contactGraceSeconds * 1000)))
            let history = LinkHistory()
            peers[peerConfiguration.side] = PeerRuntime(
                context: context, receiver: Receiver(peer: context), outbox: outbox,
                link: PeerLink(peer: context, http: client, doorbell: doorbell, outbox: outbox,
                               heartbeat: .milliseconds(Int(configuration.heartbeatSeconds * 1000)), batchSize: configuration.batchSize,
                               history: history),
                doorbell: doorbell, history: history)
        }
        self.peers = peers
        self.pinnedClients = pinnedClients
    }

    /// Creates the logs (ours and our replicas) for every paired side.
    func prepareLogs() async throws {
        for peer in peers.values {
            try await store.createLog(peer.context.outbound)
            try await store.createLog(peer.context.inbound)
            try await peer.context.book.writes.run { try await peer.context.book.reload() }
        }
        metrics.alarms().set(Double(try await store.evidence(openOnly: true).count))
    }

    /// Runs every peer link, and the watch on acknowledgement deadlines, until cancelled.
    func runLinks() async {
        await withTaskGroup(of: Void.self) { group in
            for peer in peers.values {
                group.addTask { await peer.link.run() }
            }
            group.addTask {
                while !Task.isCancelled {
                    _ = self.checkEscalations()
                    try? await Task.sleep(for: .seconds(15))
                }
            }
        }
    }

    public func shutdown() async {
        try? await http.shutdown()
        for client in pinnedClients { try? await client.shutdown() }
    }

    // MARK: - Submissions from this side's authors

    /// Where a submitted entry landed, and whether the peer has cosigned it yet.
    public struct Submission: Sendable {
        public var log: LogOrigin
        public var sequence: UInt64
        public var leafHash: Hash
        public var received: Bool

        /// The client API's answer.
        public var receipt: EntryReceipt {
            EntryReceipt(log: log.text, sequence: sequence, leafHash: leafHash.hex, received: received)
        }
    }

    /// Checks an entry an author of this side signed and appends it to the log for its
    /// recipient. With `waitForReceipt`, returns once the peer has cosigned it (or the timeout).
    public func submit(header headerBytes: [UInt8], signature: [UInt8], content: [UInt8],
                       waitForReceipt: Duration? = nil) async throws -> Submission {
        let header: EntryHeader
        do { header = try EntryHeader(encoded: headerBytes) } catch { throw NodeError.rejected("the entry header is malformed: \(error)") }
        guard header.sender == keys.side else { throw NodeError.rejected("this node sends for \(keys.side), not \(header.sender)") }
        guard let peer = peers[header.recipient.rawValue] else { throw NodeError.unknownPeer(header.recipient.rawValue) }
        let book = peer.context.book
        let side = keys.side
        // Counted until it reaches the outbox (or fails a check), so that a commit under load
        // waits for it instead of going out a few entries at a time.
        peer.outbox.incoming.arriving()
        var reachedOutbox = false
        defer { if !reachedOutbox { peer.outbox.incoming.arrivedOrDropped() } }
        guard let authorKey = book.read({ $0.key(withID: header.authorKeyID, of: side) }) else {
            throw NodeError.refused(RuleViolation(.roleNotHeld, "key \(header.authorKeyID.hex.prefix(16))… signs for no role of \(keys.side): the operator must grant its holder a role first"))
        }
        let probe = Entry(sequence: 0, header: header, authorSignature: signature)
        do { try probe.verifyAuthorSignature(authorKey) } catch { throw NodeError.rejected("\(error)") }
        let sealed: SealedContent
        do {
            try probe.checkContent(content)
            sealed = try SealedContent(encoded: content)
        } catch { throw NodeError.rejected("the content does not match the entry: \(error)") }
        for side in [header.recipient, header.sender] {
            let key = side == keys.side ? keys.publicKeys : peer.context.identity.keys
            guard sealed.recipients.contains(where: { $0.side == side && $0.keyID == key.contentKeyID }) else {
                throw NodeError.rejected("the content is not sealed for \(side)'s content key; both sides must be able to read the record")
            }
        }
        let plaintext: EntryContent?
        do { plaintext = try book.content(of: probe, sealed: content) } catch { throw NodeError.rejected("the content cannot be read by this node: \(error)") }
        // Judged here for a prompt answer, and again in log order when it is appended.
        if let verdict = book.precheck(header, signature: signature, content: plaintext) { throw NodeError.refused(verdict) }
        reachedOutbox = true
        let appended = try await peer.outbox.submit(header: header, signature: signature, content: content, plaintext: plaintext)
        var received = false
        if let waitForReceipt {
            received = await peer.link.receipts.wait(size: appended.sequence + 1, timeout: waitForReceipt)
        }
        return Submission(log: peer.context.outbound, sequence: appended.sequence, leafHash: appended.leafHash, received: received)
    }

    /// The paired side, for a request that names none: there must be exactly one. `instead`
    /// tells the caller what to do when there are several.
    func onlyPeer(_ instead: String) throws -> PeerRuntime {
        guard let only = peers.values.first, peers.count == 1 else {
            throw peers.isEmpty ? NodeError.notFound("this node has no paired side yet")
                : NodeError.badRequest("this node has \(peers.count) paired sides: \(instead)")
        }
        return only
    }

    // MARK: - Peer requests

    /// The peer a request is for, from the log origin it names.
    func receiver(forOrigin origin: LogOrigin) -> Receiver? {
        guard origin.recipient == keys.side else { return nil }
        return peers[origin.sender.rawValue]?.receiver
    }

    func receiveBatch(_ body: [UInt8]) async -> PeerResponse {
        guard let batch = try? SealedBatch(encoded: body) else {
            // Let any receiver produce the precise refusal; with no peers, say so.
            guard let any = peers.values.first?.receiver else { return .text(404, "this node has no paired side") }
            return await any.receiveBatch(body)
        }
        guard let receiver = receiver(forOrigin: batch.origin) else {
            logger.warning("security event: batch for unknown log \(batch.origin)", metadata: ["security_event": "unknown-log"])
            metrics.securityEvents(kind: "unknown-log").increment()
            return .text(404, "this node keeps no log \(batch.origin)")
        }
        return await receiver.receiveBatch(decoded: batch)
    }

    /// GET /hotline/v1/replica: entries of our replica of the asking side's log, sealed to it,
    /// so that a node restored from an old back-up gets its own entries back.
    func replica(log: String?, from: String?) async -> PeerResponse {
        guard let log, let origin = try? LogOrigin(text: log), let from, Checkpoint.isDecimal(from), let first = UInt64(from) else {
            return .text(400, "expected ?log=hotline/<sender>/<recipient>&from=<size>")
        }
        guard let receiver = receiver(forOrigin: origin) else { return .text(404, "this node keeps no log \(origin)") }
        return await receiver.replica(from: first)
    }

    func addCheckpoint(_ body: [UInt8]) async -> PeerResponse {
        let origin = (try? AddCheckpointRequest(parsing: body)).flatMap { try? Checkpoint(note: $0.checkpoint) }.flatMap { try? LogOrigin(text: $0.origin) }
        guard let origin else {
            guard let any = peers.values.first?.receiver else { return .text(404, "this node has no paired side") }
            return await any.addCheckpoint(body)
        }
        guard let receiver = receiver(forOrigin: origin) else {
            logger.warning("security event: checkpoint for unknown log \(origin)", metadata: ["security_event": "unknown-log"])
            metrics.securityEvents(kind: "unknown-log").increment()
            return .text(404, "this node cosigns no log \(origin)")
        }
        return await receiver.addCheckpoint(body)
    }

    // MARK: - Operators

    /// Clears the alarms about a peer's log after an operator has looked at the evidence.
    public func clearAlarms(peer side: String, note: String) async throws -> Int {
        guard let peer = peers[side] else { throw NodeError.unknownPeer(side) }
        let cleared = try await store.clearAlarms(peer.context.inbound, note: note, at: clock.seconds)
        metrics.alarms().set(Double(try await store.evidence(openOnly: true).count))
        await peer.receiver.alarmsCleared()
        logger.notice("operator cleared \(cleared) alarm(s) about \(side): \(note)")
        await peer.doorbell.ring()
        return cleared
    }
}
