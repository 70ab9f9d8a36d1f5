import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import HotlineStore
import HotlineTestSupport
import Synchronization
import Testing

/// The two nodes talk through fault-injecting proxies that drop, delay, duplicate and cut
/// connections. Delivery completes once the faults stop, and both copies of each log agree.
@Suite(.serialized) struct FaultyNetworkTests {
    @Test func deliveryCompletesAfterDropsDelaysDuplicatesAndCuts() async throws {
        let proxies = Mutex<[FaultProxy]>([])
        let sides = try await TwoSides.start(heartbeatSeconds: 1, batchSize: 25) { _, port in
            let proxy = try FaultProxy(upstreamPort: port)
            proxies.withLock { $0.append(proxy) }
            return proxy.port
        }
        let faults = FaultProxy.Faults(dropProbability: 0.2, delay: 0...0.02, duplicateProbability: 0.3, cutProbability: 0.3)
        proxies.withLock { $0.forEach { $0.setFaults(faults) } }

        // Keep-alive connections keep the faults drawn when they were opened, so keep forcing new
        // ones while the traffic flows.
        let churn = Task {
            while !Task.isCancelled {
                try await Task.sleep(nanoseconds: 50_000_000)
                proxies.withLock { $0.forEach { $0.heal(); $0.setFaults(faults) } }
            }
        }
        let count = 400
        async let fromRu: Void = Self.send(count, from: sides.ru, to: "us")
        async let fromUs: Void = Self.send(count, from: sides.us, to: "ru")
        _ = try await (fromRu, fromUs)
        try await Task.sleep(nanoseconds: 1_000_000_000)
        churn.cancel()
        _ = await churn.result
        let statistics = proxies.withLock { $0.map(\.statistics) }
        proxies.withLock { $0.forEach { $0.heal() } }

        let ruToUs = LogOrigin(sender: try SideID("ru"), recipient: try SideID("us"))
        let usToRu = LogOrigin(sender: try SideID("us"), recipient: try SideID("ru"))
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let a = try await sides.ru.node.store.latestCosignature(ruToUs)?.size ?? 0
            let b = try await sides.us.node.store.latestCosignature(usToRu)?.size ?? 0
            if a == UInt64(count), b == UInt64(count) { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        for (origin, sender, receiver) in [(ruToUs, sides.ru, sides.us), (usToRu, sides.us, sides.ru)] {
            #expect(try await sender.node.store.latestCosignature(origin)?.size == UInt64(count), "\(origin) not fully received")
            let sent = try await sender.node.store.records(origin, in: 0..<UInt64(count))
            let received = try await receiver.node.store.records(origin, in: 0..<UInt64(count))
            #expect(sent == received, "\(origin): the two copies differ")
            #expect(try await receiver.node.store.treeHead(origin).size == UInt64(count), "\(origin): entries stored twice or lost")
        }
        #expect(try await sides.ru.node.store.evidence(openOnly: false).isEmpty)
        #expect(try await sides.us.node.store.evidence(openOnly: false).isEmpty)
        // The faults really happened.
        let total = statistics.reduce(into: FaultProxy.Statistics()) {
            $0.dropped += $1.dropped; $0.cut += $1.cut; $0.duplicated += $1.duplicated; $0.accepted += $1.accepted
        }
        #expect(total.dropped > 0 && total.cut > 0 && total.duplicated > 0, "faults injected: \(total)")
        print("faulty network: \(total.accepted) connections, \(total.dropped) dropped, \(total.cut) cut, \(total.duplicated) duplicated")
        await sides.stop()
        proxies.withLock { $0.forEach { $0.stop() } }
    }

    static func send(_ count: Int, from node: RunningNode, to peer: String) async throws {
        let composer = try node.composer()
        let keys = try node.peerKeys(peer)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for i in stride(from: worker, to: count, by: 4) {
                        let submission = try composer.compose(
                            .init(line: try LineID("operators"), precedence: i % 10 == 0 ? .flash : .routine,
                                  content: .withRandomSalt(text: "item \(i)")), to: keys, at: 1_700_000_000_000 + UInt64(i))
                        _ = try await node.client.submit(submission)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
