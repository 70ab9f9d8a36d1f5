import Foundation
import HotlineClient
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Testing

/// `hotline status` as an operator reads it: the peer, each direction's size, receipt and lag,
/// the link, and the alarms (none, then one).
@Suite struct StatusCommandTests {
    @Test func statusShowsTheLinkBothWaysAndItsAlarms() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let composer = try sides.ru.composer()
        let draft = EntryComposer.Draft(line: try LineID("operators"), content: .withRandomSalt(language: "en", text: "status check"))
        let receipt = try await sides.ru.client.submit(try composer.compose(draft, to: try sides.ru.peerKeys("us"), at: 1_700_000_000_000),
                                                       waitForReceipt: 20)
        #expect(receipt.received)

        let data = sides.ru.directory.url.path
        var status = try run(Products.url("hotline"), ["status", "--data", data])
        #expect(status.status == 0, "\(status.stderr)")
        for expected in ["ru (Moscow), fingerprint ", "us (Washington) via http://127.0.0.1:",
                         "sent      hotline/ru/us: 1 entry, 1 received (lag 0), last receipt ",
                         "received  hotline/us/ru: 0 entries, 0 cosigned (lag 0)",
                         "link      working; last exchange ", "heartbeat every 30 s", "alarms    none"] {
            #expect(status.stdout.contains(expected), "missing \"\(expected)\" in:\n\(status.stdout)")
        }

        let inbound = LogOrigin(sender: try SideID("us"), recipient: try SideID("ru"))
        try await sides.ru.node.store.recordEvidence(Evidence(origin: inbound, kind: .equivocation, detail: "us signed two checkpoints of size 3",
                                                              first: "a", second: "b", detectedAt: 1_700_000_000))
        status = try run(Products.url("hotline"), ["status", "--data", data])
        #expect(status.stdout.contains("ALARM     equivocation: us signed two checkpoints of size 3"), "\(status.stdout)")
        #expect(status.stdout.contains("1 open alarm(s): deliveries from those sides are stopped. See `hotline alarms`."), "\(status.stdout)")
        #expect(!status.stdout.contains("alarms    none"), "\(status.stdout)")
        await sides.stop()
    }
}
