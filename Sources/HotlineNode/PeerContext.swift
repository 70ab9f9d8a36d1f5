import HotlineRecord
import HotlineStore
import Logging

/// Everything the node's parts share about one paired side.
struct PeerContext: Sendable {
    let me: SideKeys
    /// Our operator's public key, pinned by the peer at pairing.
    let ownOperatorKey: AuthorPublicKey
    let identity: SideIdentity
    let addresses: [String]
    let store: any RecordStore
    let clock: NodeClock
    let metrics: NodeMetrics
    let logger: Logger
    /// Roles, lines and items of the record we share with this peer.
    let book: RecordBook

    var side: SideID { identity.side }
    /// The log of what we send to this peer.
    var outbound: LogOrigin { LogOrigin(sender: me.side, recipient: identity.side) }
    /// Our replica of the log of what this peer sends us.
    var inbound: LogOrigin { LogOrigin(sender: identity.side, recipient: me.side) }

    /// Checks the peer's checkpoints: both of its log signatures.
    var inboundLogPolicy: CheckpointPolicy {
        CheckpointPolicy(logKeys: (try? identity.keys.logVerifierKeys(to: me.side)) ?? [], cosignerKeys: [])
    }

    /// Checks receipts for our log: our two signatures and the peer's two cosignatures.
    var outboundReceiptPolicy: CheckpointPolicy {
        CheckpointPolicy(logKeys: (try? me.publicKeys.logVerifierKeys(to: identity.side)) ?? [],
                         cosignerKeys: (try? identity.keys.cosignerVerifierKeys()) ?? [])
    }

    /// Logs a refused request as a security event and counts it.
    func securityEvent(_ kind: String, _ message: String, status: Int) {
        logger.warning("security event: \(message)", metadata: ["security_event": "\(kind)", "peer": "\(side)", "status": "\(status)"])
        metrics.securityEvents(kind: kind).increment()
    }

    /// Whether an alarm about this peer's log is open: deliveries stop until an operator acts.
    func isBlocked() async throws -> Bool {
        try await store.evidence(openOnly: true).contains { $0.origin == inbound }
    }

    /// Keeps evidence, raises the alarm (logs and metrics) and so blocks the peer's deliveries.
    func raiseAlarm(_ kind: Evidence.Kind, _ detail: String, first: String, second: String) async {
        let evidence = Evidence(origin: inbound, kind: kind, detail: detail, first: first, second: second, detectedAt: clock.seconds)
        do {
            try await store.recordEvidence(evidence)
        } catch {
            logger.critical("could not store evidence: \(error)", metadata: ["peer": "\(side)"])
        }
        logger.critical("ALARM: \(detail). Deliveries from \(side) are stopped until an operator clears the alarm (hotline alarms clear \(side)).",
                        metadata: ["alarm": "\(kind.rawValue)", "peer": "\(side)"])
        metrics.securityEvents(kind: kind.rawValue).increment()
        if let open = try? await store.evidence(openOnly: true) { metrics.alarms().set(Double(open.count)) }
    }
}
