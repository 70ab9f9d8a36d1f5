import AsyncHTTPClient
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import NIOCore
import Testing

/// A hostile or broken peer talks to us's node directly. Every bad request is refused with a
/// specific status and reason, counted as a security event, and leaves the store unchanged.
@Suite(.serialized) struct HostilePeerTests {
    let origin = LogOrigin(sender: try! SideID("ru"), recipient: try! SideID("us"))

    /// ru's real keys, to build requests that are valid except for the one defect under test.
    struct Forger {
        let keys: SideKeys
        let operatorKey: AuthorKey
        let us: SidePublicKeys
        let origin: LogOrigin

        func entry(_ sequence: UInt64, text: String = "hello", author: AuthorKey? = nil, role: String = "ru/operator",
                   line: String = "operators", references: [EntryReference] = []) throws -> SealedBatch.Record {
            let author = author ?? operatorKey
            let composer = EntryComposer(author: author, role: try RoleName(role), sender: keys.publicKeys)
            let submission = try composer.compose(.init(line: try LineID(line), content: .withRandomSalt(text: text), references: references),
                                                  to: us, at: 1_700_000_000_000)
            let header = try EntryHeader(encoded: submission.header)
            let entry = Entry(sequence: sequence, header: header, authorSignature: submission.signature)
            return SealedBatch.Record(entry: entry.encoded, content: submission.content)
        }

        func batch(_ records: [SealedBatch.Record], first: UInt64, origin: LogOrigin? = nil) throws -> [UInt8] {
            try SealedBatch.seal(records, origin: origin ?? self.origin, first: first, to: us).encoded
        }

        func checkpoint(size: UInt64, root: Hash, old: UInt64, proof: [Hash] = [], signer: SideKeys? = nil, origin: String? = nil) throws -> [UInt8] {
            let checkpoint = Checkpoint(origin: origin ?? self.origin.text, size: size, rootHash: root)
            let note: SignedNote
            if let signer {
                // Another key, presented under ru's key names and IDs.
                let forged = try signer.signCheckpoint(Checkpoint(origin: "hotline/\(signer.side)/us", size: size, rootHash: root))
                let real = try keys.signCheckpoint(checkpoint)
                note = SignedNote(text: checkpoint.text, signatures: zip(forged.signatures, real.signatures).map {
                    NoteSignature(keyName: $1.keyName, keyID: $1.keyID, signature: $0.signature)
                })
            } else {
                note = try keys.signCheckpoint(checkpoint)
            }
            return Array(AddCheckpointRequest(oldSize: old, consistencyProof: proof, checkpoint: note).encoded.utf8)
        }
    }

    /// The honest links exchange a first (empty) checkpoint at start; wait for it so that it
    /// does not race the hostile requests.
    func settled() async throws -> TwoSides {
        let sides = try await TwoSides.start(heartbeatSeconds: 3600)
        for _ in 0..<200 where try await sides.us.node.store.latestCosignature(origin) == nil {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return sides
    }

    func forger(_ sides: TwoSides) throws -> Forger {
        let secrets = try sides.ru.directory.loadSecrets()
        return Forger(keys: secrets.keys, operatorKey: secrets.operatorKey, us: try sides.ru.peerKeys("us"), origin: origin)
    }

    func post(_ sides: TwoSides, _ path: String, _ body: [UInt8]) async throws -> (Int, String, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(sides.us.server.peerPort!)/\(path)")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), response.headers.first(name: "Content-Type") ?? "", text)
    }

    func securityEvents(_ sides: TwoSides, _ kind: String) async throws -> Int {
        let metrics = try await sides.us.client.text("/metrics").body
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("hotline_security_events_total{kind=\"\(kind)\"}") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Runs a hostile request and checks the refusal, the security event and the unchanged store.
    func expectRefused(_ sides: TwoSides, _ path: String, _ body: [UInt8], status: Int, kind: String, reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await sides.us.node.store.treeHead(origin)
        let cosignedBefore = try await sides.us.node.store.latestCosignature(origin)
        let eventsBefore = try await securityEvents(sides, kind)
        let (code, _, text) = try await post(sides, path, body)
        #expect(code == status, "\(kind): \(text)", sourceLocation: sourceLocation)
        #expect(text.contains(reason), "\(kind): \(text)", sourceLocation: sourceLocation)
        #expect(try await securityEvents(sides, kind) == eventsBefore + 1, "\(kind) not counted", sourceLocation: sourceLocation)
        #expect(try await sides.us.node.store.treeHead(origin) == before, "\(kind) changed the store", sourceLocation: sourceLocation)
        #expect(try await sides.us.node.store.latestCosignature(origin) == cosignedBefore, sourceLocation: sourceLocation)
    }

    @Test func badBatchesAreRefusedAndChangeNothing() async throws {
        let sides = try await settled()
        let forge = try forger(sides)
        // Two honest entries first, so that there is something to be consistent with.
        let honest = try [forge.entry(0), forge.entry(1)]
        #expect(try await post(sides, "hotline/v1/batches", forge.batch(honest, first: 0)).0 == 200)

        let stranger = AuthorKey()
        var badSignature = try forge.entry(2)
        badSignature.entry[badSignature.entry.count - 1] ^= 1
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([badSignature], first: 2), status: 403, kind: "bad-signature", reason: "signature")
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(2, author: stranger)], first: 2),
                                status: 403, kind: "unknown-author", reason: "has not registered")
        // Signed by a key the peer did register, but for a role nobody holds: the rules refuse it.
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(2, role: "ru/mfa/minister")], first: 2),
                                status: 422, kind: "rule-violation", reason: "is not held by anyone")
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(2, line: "ru-us/unchartered")], first: 2),
                                status: 422, kind: "rule-violation", reason: "line ru-us/unchartered does not exist")
        // Records in the wrong order inside a correctly sealed batch.
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(3), try forge.entry(2)], first: 2),
                                status: 400, kind: "out-of-order", reason: "carries entry 3")
        // A batch whose sealed records were swapped in transit: the AEAD binds each to its place.
        var swapped = try SealedBatch(encoded: forge.batch([try forge.entry(2), try forge.entry(3)], first: 2))
        swapped.sealedRecords.swapAt(0, 1)
        try await expectRefused(sides, "hotline/v1/batches", swapped.encoded, status: 400, kind: "sealed-batch", reason: "does not open")
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(2)], first: 2, origin: LogOrigin(sender: try SideID("ru"), recipient: try SideID("fr"))),
                                status: 404, kind: "unknown-log", reason: "no log hotline/ru/fr")
        try await expectRefused(sides, "hotline/v1/batches", Array(repeating: 7, count: 100), status: 400, kind: "malformed-batch", reason: "malformed")
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(2, references: [EntryReference(side: try SideID("us"), sequence: 5, leafHash: .zero)])], first: 2),
                                status: 422, kind: "bad-reference", reason: "does not hold")
        var wrongContent = try forge.entry(2)
        wrongContent.content[wrongContent.content.count - 1] ^= 1
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([wrongContent], first: 2), status: 422, kind: "bad-content", reason: "content")

        // A gap is answered with the size we hold, so an honest sender resumes from there.
        let (gapStatus, gapType, gapText) = try await post(sides, "hotline/v1/batches", forge.batch([try forge.entry(7)], first: 7))
        #expect(gapStatus == 409 && gapType == "text/x.tlog.size" && gapText == "2\n")
        // A replay of what was delivered is harmless: 200, nothing stored twice.
        let (replayStatus, _, replayText) = try await post(sides, "hotline/v1/batches", forge.batch(honest, first: 0))
        #expect(replayStatus == 200 && replayText == "2\n")
        #expect(try await sides.us.node.store.treeHead(origin).size == 2)
        await sides.stop()
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let sides = try await settled()
        let limit = SignedNote.maxSize + 64 * (AddCheckpointRequest.maxProofLines + 1)
        try await expectRefused(sides, "hotline/v1/add-checkpoint", Array(repeating: 0x41, count: limit + 1), status: 413,
                                kind: "oversized-body", reason: "larger than")
        await sides.stop()
    }

    @Test func badCheckpointsAreRefusedAndEquivocationStopsDelivery() async throws {
        let sides = try await settled()
        let forge = try forger(sides)
        // ru's log has 5 entries; only 3 are delivered.
        let records = try (0..<5).map { try forge.entry($0) }
        #expect(try await post(sides, "hotline/v1/batches", forge.batch(Array(records.prefix(3)), first: 0)).0 == 200)
        var tree = LocalTree()
        var roots = [tree.frontier.rootHash]
        for record in records { tree.append(Merkle.leafHash(record.entry)); roots.append(tree.frontier.rootHash) }
        // Whatever the honest ru link already had cosigned (an empty checkpoint), start from there.
        let cosigned = try await sides.us.node.store.latestCosignature(origin)?.size ?? 0
        #expect(cosigned == 0)

        try await expectRefused(sides, "hotline/v1/add-checkpoint", Array("old 0\nnot a checkpoint\n".utf8), status: 400,
                                kind: "malformed-checkpoint", reason: "malformed")
        try await expectRefused(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 3, root: roots[3], old: 0, signer: try SideKeys(side: SideID("fr"))),
                                status: 403, kind: "bad-checkpoint-signature", reason: "does not verify")
        try await expectRefused(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 3, root: roots[3], old: 0, origin: "hotline/ru/fr"),
                                status: 404, kind: "unknown-log", reason: "hotline/ru/fr")
        try await expectRefused(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 2, root: roots[2], old: 3),
                                status: 400, kind: "old-size-beyond-checkpoint", reason: "old size 3")

        // An honest checkpoint of size 2 is cosigned.
        let (ok, _, lines) = try await post(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 2, root: roots[2], old: 0))
        #expect(ok == 200 && lines.hasPrefix("— hotline/us "), "\(lines)")
        // Replaying an old checkpoint: the answer tells the size already cosigned.
        let (replay, replayType, replayText) = try await post(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 1, root: roots[1], old: 0))
        #expect(replay == 409 && replayType == "text/x.tlog.size" && replayText == "2\n")
        // A checkpoint ahead of the entries delivered asks for them.
        let proof = try ConsistencyProof.generate(oldSize: 2, newSize: 5, from: tree)
        let (ahead, aheadType, aheadText) = try await post(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 5, root: roots[5], old: 2, proof: proof))
        #expect(ahead == 409 && aheadType == "text/x.hotline.replica-size" && aheadText == "3\n", "\(ahead) \(aheadText)")
        #expect(try await sides.us.node.store.evidence(openOnly: true).isEmpty)

        // Equivocation: a second, different checkpoint of size 2. Evidence, alarm, deliveries stop.
        let evidenceBefore = try await sides.us.node.store.evidence(openOnly: true).count
        let (equivocal, _, why) = try await post(sides, "hotline/v1/add-checkpoint", forge.checkpoint(size: 2, root: Hash.sha256([9]), old: 2))
        #expect(equivocal == 422, "\(why)")
        let evidence = try await sides.us.node.store.evidence(openOnly: true)
        #expect(evidence.count == evidenceBefore + 1)
        #expect(evidence.first?.kind == .equivocation)
        try await expectRefused(sides, "hotline/v1/batches", forge.batch([try forge.entry(3)], first: 3), status: 403, kind: "blocked", reason: "stopped")
        let status = try await sides.us.client.status()
        #expect(status.openAlarms >= 1)
        #expect(status.peers.first?.openAlarms.isEmpty == false)

        // The operator looks at the evidence and clears the alarm; deliveries resume.
        #expect(try await sides.us.client.clearAlarms(peer: "ru", note: "reviewed in test") >= 1)
        #expect(try await post(sides, "hotline/v1/batches", forge.batch([try forge.entry(3)], first: 3)).0 == 200)
        #expect(try await sides.us.node.store.evidence(openOnly: false).count == evidence.count)
        await sides.stop()
    }
}

/// A tree kept as a store keeps it, for building honest proofs in tests.
struct LocalTree: TreeNodeReader {
    var frontier = MerkleFrontier()
    var completed: [[Hash]] = []

    mutating func append(_ leafHash: Hash) { completed.append(frontier.append(leafHash)) }

    func hashes(of nodes: [TreeNode]) throws -> [Hash] {
        try nodes.map { node in
            guard node.completingLeaf < UInt64(completed.count) else { throw MerkleError.missingNode(node) }
            return completed[Int(node.completingLeaf)][node.level]
        }
    }
}
