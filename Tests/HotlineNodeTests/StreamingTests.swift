import Foundation
import HotlineClient
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Testing

@testable import HotlineNode

/// A stream longer than a round: the next round's batches travel while the previous round's
/// receipt is asked for, and every entry still arrives once, in order, with a receipt.
@Suite struct StreamingTests {
    @Test func roundsOverlapTheirReceiptsAndEveryEntryArrivesOnceInOrder() async throws {
        // Batches of 4: a round is 20 entries, and 40 in flight keep more than a batch waiting.
        let sides = try await TwoSides.start(heartbeatSeconds: 30, batchSize: 4)
        let composer = try sides.ru.composer()
        let usKeys = try sides.ru.peerKeys("us")
        let count = 400
        let submissions = try (0..<count).map { i in
            try composer.compose(EntryComposer.Draft(line: try LineID("operators"), kind: .message, precedence: .routine,
                                                     content: .withRandomSalt(language: "en", text: "stream \(i)")),
                                 to: usKeys, at: 1_700_000_000_000 + UInt64(i))
        }
        let node = sides.ru.node
        let received = try await withThrowingTaskGroup(of: Bool.self) { group in
            for lane in 0..<40 {
                group.addTask {
                    var all = true
                    for submission in submissions[lane...].enumerated().filter({ $0.offset % 40 == 0 }).map(\.element) {
                        let result = try await node.submit(header: submission.header, signature: submission.signature,
                                                           content: submission.content, waitForReceipt: .seconds(60))
                        all = all && result.received
                    }
                    return all
                }
            }
            var all = true
            for try await lane in group { all = all && lane }
            return all
        }
        #expect(received)

        let origin = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        let sent = try await node.store.records(origin, in: 0..<UInt64(count))
        #expect(try await sides.us.node.store.records(origin, in: 0..<UInt64(count)) == sent)
        #expect(try await sides.us.node.store.treeHead(origin).size == UInt64(count))
        #expect(Set(try sent.map { try Entry(encoded: $0.leaf).header.commitment }).count == count)
        let receipt = try #require(try await node.store.cosignedCheckpoint(origin, size: nil))
        let policy = CheckpointPolicy(logKeys: try node.identity.keys.logVerifierKeys(to: try SideID("us")),
                                      cosignerKeys: try sides.us.node.identity.keys.cosignerVerifierKeys())
        #expect(try policy.verify(receipt).checkpoint.size == UInt64(count))
        let overlapped = try #require(node.peers["us"]).link
        #expect(await overlapped.receiptsAskedWhilePushing > 0)
        await sides.stop()
    }
}
