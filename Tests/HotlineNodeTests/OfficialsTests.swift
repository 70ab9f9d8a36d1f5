import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Synchronization
import Testing

/// Officials on two live nodes: roles granted by the operators, a line chartered by one side and
/// accepted by the other, then entries judged by both nodes by the same rules.
@Suite(.serialized) struct OfficialsTests {
    struct Side {
        let node: RunningNode
        let operatorComposer: EntryComposer
        let peerKeys: SidePublicKeys
        var clock: UInt64 = 1_490_000_000_000

        init(_ node: RunningNode, peer: String) throws {
            self.node = node
            operatorComposer = try node.composer()
            peerKeys = try node.peerKeys(peer)
        }

        /// Submits and waits for the other side's receipt, so that the next step can refer to it.
        mutating func submit(by composer: EntryComposer? = nil, _ kind: EntryKind, line: String = "operators", track: String? = nil,
                             references: [EntryReference] = [], content: EntryContent) async throws -> EntryReference {
            clock += 1_000
            let draft = EntryComposer.Draft(line: try LineID(line), track: try track.map { try TrackID($0) }, kind: kind,
                                            content: content, references: references)
            let submission = try (composer ?? operatorComposer).compose(draft, to: peerKeys, at: clock)
            let receipt = try await node.client.signed(by: (composer ?? operatorComposer).author).submit(submission, waitForReceipt: 20)
            #expect(receipt.received, "the other side cosigned it")
            return EntryReference(side: node.side, sequence: receipt.sequence, leafHash: Hash(bytes: Hex.decode(receipt.leafHash)!)!)
        }

        func official(_ key: AuthorKey, _ role: String) throws -> EntryComposer {
            EntryComposer(author: key, role: try RoleName(role), sender: node.node.identity.keys)
        }
    }

    static func content(text: String? = nil) -> EntryContent { .withRandomSalt(language: "en", text: text) }

    @Test func aCharteredLineCarriesOfficialsEntriesAndBothNodesRefuseTheRest() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        defer { Task { await sides.stop() } }
        var ru = try Side(sides.ru, peer: "us")
        var us = try Side(sides.us, peer: "ru")
        let lavrov = AuthorKey(), tillerson = AuthorKey(), stranger = AuthorKey()

        var grant = Self.content()
        grant.grant = RoleGrantBody(role: try RoleName("ru/mfa/minister"), holder: "S. Lavrov", key: lavrov.publicKey)
        _ = try await ru.submit(.roleGrant, content: grant)
        grant.grant = RoleGrantBody(role: try RoleName("us/state/secretary"), holder: "R. Tillerson", key: tillerson.publicKey)
        _ = try await us.submit(.roleGrant, content: grant)

        // Before the line is open, the node refuses the official's entry with the rule's code.
        await expectBrokenRule("line-not-open") {
            _ = try await ru.submit(by: try ru.official(lavrov, "ru/mfa/minister"), .message, line: "ru-us/mfa", content: Self.content(text: "too early"))
        }
        var charter = Self.content()
        charter.charter = LineCharterBody(title: "Foreign ministers", format: "1+1",
                                          roles: [ru.node.side: [try RoleName("ru/mfa/minister")], us.node.side: [try RoleName("us/state/secretary")]],
                                          tracks: [try TrackID("normalization")])
        let charterEntry = try await ru.submit(.lineCharter, line: "ru-us/mfa", content: charter)
        _ = try await us.submit(.lineAcceptance, line: "ru-us/mfa", references: [charterEntry], content: Self.content())
        // ru holds the acceptance once us's entry is cosigned by ru, which the wait above ensured.
        let message = try await ru.submit(by: try ru.official(lavrov, "ru/mfa/minister"), .message, line: "ru-us/mfa", track: "normalization",
                                          content: Self.content(text: "Let us meet."))
        var ack = Self.content()
        ack.text = nil
        _ = try await us.submit(by: try us.official(tillerson, "us/state/secretary"), .acknowledgement, line: "ru-us/mfa", references: [message], content: ack)

        // A key that holds no role cannot even sign a request; one that holds another role is
        // refused by the rules.
        await expectUnauthenticated {
            _ = try await ru.submit(by: try ru.official(stranger, "ru/mfa/minister"), .message, line: "ru-us/mfa", content: Self.content(text: "forged"))
        }
        await expectBrokenRule("role-not-held") {
            _ = try await us.submit(by: try us.official(tillerson, "us/dod/secretary"), .message, line: "ru-us/mfa", content: Self.content(text: "wrong role"))
        }
        await expectBrokenRule("not-on-line") {
            _ = try await us.submit(.message, line: "ru-us/mfa", content: Self.content(text: "operators keep to their line"))
        }
        await expectBrokenRule("unknown-track") {
            _ = try await ru.submit(by: try ru.official(lavrov, "ru/mfa/minister"), .message, line: "ru-us/mfa", track: "cybercrime", content: Self.content(text: "x"))
        }

        // Both nodes hold the same two logs, and their states agree.
        for origin in [LogOrigin(sender: ru.node.side, recipient: us.node.side), LogOrigin(sender: us.node.side, recipient: ru.node.side)] {
            let size = try await ru.node.node.store.treeHead(origin).size
            #expect(try await us.node.node.store.treeHead(origin).size == size)
            #expect(try await ru.node.node.store.records(origin, in: 0..<size) == us.node.node.store.records(origin, in: 0..<size))
        }
        #expect(try await ru.node.node.store.treeHead(LogOrigin(sender: ru.node.side, recipient: us.node.side)).size == 3)

        // A proposal on the line, which names nothing of us's log: a restarted node must still
        // apply it after us's acceptance, which opened the line.
        var plan = Self.content()
        plan.subject = "Steps"
        plan.proposal = ProposalBody(stages: [.init(title: "One", steps: [.init(text: "a")])])
        let proposal = try await ru.submit(by: try ru.official(lavrov, "ru/mfa/minister"), .proposal, line: "ru-us/mfa", content: plan)
        let before = try await ru.node.client.signed(by: lavrov).proposals(line: "ru-us/mfa")

        // A restarted node rebuilds the same state from its store: the official can still write.
        let directory = sides.ru.directory
        await sides.ru.stop()
        let restarted = try await RunningNode.start(directory: directory)
        ru = try Side(restarted, peer: "us")
        ru.clock = 1_490_000_100_000
        let after = try await restarted.client.signed(by: lavrov).proposals(line: "ru-us/mfa")
        #expect(after.map(\.pointer.sequence) == [proposal.sequence] && after == before, "the proposal is in the rebuilt state")
        _ = try await ru.submit(by: try ru.official(lavrov, "ru/mfa/minister"), .message, line: "ru-us/mfa", content: Self.content(text: "after a restart"))
        await expectUnauthenticated {
            _ = try await ru.submit(by: try ru.official(stranger, "ru/mfa/minister"), .message, line: "ru-us/mfa", content: Self.content(text: "still forged"))
        }
        await restarted.stop()
    }

    /// Both operators charter the same line while the link is down, so that each charter is in
    /// its own log before the other's arrives. Both are delivered (neither node refuses the
    /// other's, which would stop the link for good), both nodes agree that the earlier one
    /// stands, the other side accepts it, and a restarted node rebuilds the same line.
    @Test func chartersThatCrossAreDeliveredAndBothNodesAgreeWhichStands() async throws {
        let proxies = Mutex<[FaultProxy]>([])
        let sides = try await TwoSides.start(heartbeatSeconds: 1) { _, port in
            let proxy = try FaultProxy(upstreamPort: port)
            proxies.withLock { $0.append(proxy) }
            return proxy.port
        }
        var ru = try Side(sides.ru, peer: "us")
        var us = try Side(sides.us, peer: "ru")
        let minister = try RoleName("ru/mfa/minister"), secretary = try RoleName("us/state/secretary")
        var grant = Self.content()
        grant.grant = RoleGrantBody(role: minister, holder: "S. Lavrov", key: AuthorKey().publicKey)
        _ = try await ru.submit(.roleGrant, content: grant)
        grant.grant = RoleGrantBody(role: secretary, holder: "R. Tillerson", key: AuthorKey().publicKey)
        _ = try await us.submit(.roleGrant, content: grant)

        proxies.withLock { $0.forEach { $0.setFaults(FaultProxy.Faults(dropProbability: 1)); $0.heal() } }
        func charter(_ title: String) -> EntryContent {
            var content = Self.content()
            content.charter = LineCharterBody(title: title, format: "1+1", roles: [ru.node.side: [minister], us.node.side: [secretary]],
                                              tracks: [try! TrackID("normalization")])
            return content
        }
        // us signs first, so us's charter stands although ru's is appended first.
        let signed = ru.clock + 10_000
        var sent: [String: EntryReceipt] = [:]
        for (side, time) in [(ru, signed + 5_000), (us, signed)] {
            let draft = EntryComposer.Draft(line: try LineID("ru-us/mfa"), kind: .lineCharter, content: charter("Charter of \(side.node.side)"))
            let submission = try side.operatorComposer.compose(draft, to: side.peerKeys, at: time)
            sent[side.node.side.rawValue] = try await side.node.client.signed(by: side.operatorComposer.author).submit(submission, waitForReceipt: nil)
        }
        proxies.withLock { $0.forEach { $0.setFaults(.none); $0.heal() } }

        // Both charters reach the other side and are cosigned.
        for (side, receipt) in [(ru, sent["ru"]!), (us, sent["us"]!)] {
            let origin = LogOrigin(sender: side.node.side, recipient: side.peerKeys.side)
            let deadline = Date().addingTimeInterval(30)
            while try await side.node.node.store.latestCosignature(origin)?.size ?? 0 <= receipt.sequence, Date() < deadline {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            #expect(try await side.node.node.store.latestCosignature(origin)?.size == receipt.sequence + 1, "\(origin): the charter was delivered")
        }
        let operatorOf = { (side: Side) in Node.Caller(keyID: side.operatorComposer.author.publicKey.keyID) }
        for side in [ru, us] {
            let line = try #require(side.node.node.lines(for: operatorOf(side)).first { $0.id == "ru-us/mfa" })
            #expect(line.title == "Charter of us" && line.charter?.side == "us" && line.charter?.sequence == sent["us"]!.sequence && !line.isOpen,
                    "\(side.node.side) holds \(line)")
        }
        #expect(try await sides.ru.node.store.evidence(openOnly: false).isEmpty)
        #expect(try await sides.us.node.store.evidence(openOnly: false).isEmpty)

        // Knowingly chartering the line again is refused by the node; accepting the standing one opens it.
        await expectBrokenRule("conflict") { _ = try await ru.submit(.lineCharter, line: "ru-us/mfa", content: charter("Again")) }
        let standing = EntryReference(side: us.node.side, sequence: sent["us"]!.sequence, leafHash: Hash(bytes: Hex.decode(sent["us"]!.leafHash)!)!)
        _ = try await ru.submit(.lineAcceptance, line: "ru-us/mfa", references: [standing], content: Self.content())
        #expect(sides.ru.node.lines(for: operatorOf(ru)).first { $0.id == "ru-us/mfa" }?.isOpen == true)

        let directory = sides.us.directory
        await sides.us.stop()
        let restarted = try await RunningNode.start(directory: directory)
        let deadline = Date().addingTimeInterval(20)
        while restarted.node.lines(for: operatorOf(us)).first(where: { $0.id == "ru-us/mfa" })?.isOpen != true, Date() < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let rebuilt = try #require(restarted.node.lines(for: operatorOf(us)).first { $0.id == "ru-us/mfa" })
        #expect(rebuilt.isOpen && rebuilt.title == "Charter of us" && rebuilt.charter?.sequence == sent["us"]!.sequence)
        await restarted.stop()
        await sides.ru.stop()
        try? FileManager.default.removeItem(at: sides.root)
        proxies.withLock { $0.forEach { $0.stop() } }
    }

    func expectUnauthenticated(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected the node to refuse the request's signature", sourceLocation: sourceLocation)
        } catch let ClientError.refused(status, reason) {
            #expect(status == 401, "\(reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a 401, got \(error)", sourceLocation: sourceLocation)
        }
    }

    func expectBrokenRule(_ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected the node to refuse with \(code)", sourceLocation: sourceLocation)
        } catch let ClientError.brokeRule(actual, reason) {
            #expect(actual == code, "\(reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a rule refusal \(code), got \(error)", sourceLocation: sourceLocation)
        }
    }
}
