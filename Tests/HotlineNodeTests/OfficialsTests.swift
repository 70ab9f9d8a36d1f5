import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
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
