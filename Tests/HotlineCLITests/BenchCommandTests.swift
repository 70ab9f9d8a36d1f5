import Foundation
import Testing

/// `hotline bench link`, small, as a user would run it: it must deliver, measure and print
/// figures that hang together (the timing itself is for docs/BENCHMARKS.md, not for a test).
@Suite struct BenchCommandTests {
    @Test func benchLinkPrintsConsistentJSON() throws {
        let result = try run(Products.url("hotline"), ["bench", "link", "--entries", "300", "--concurrency", "32", "--flash", "5", "--json"],
                             timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let floor = try #require(json["floor"] as? [String: Any])
        let floorRate = try #require(floor["entriesPerSecond"] as? Double)
        #expect(floorRate > 0)
        for name in ["inProcess", "throughAPI"] {
            let stream = try #require(json[name] as? [String: Any], "\(name)")
            let rate = try #require(stream["entriesPerSecond"] as? Double)
            let ratio = try #require(stream["ratio"] as? Double)
            #expect(stream["entries"] as? Int == 300)
            #expect(rate > 0 && abs(ratio - rate / floorRate) < 1e-6 * max(1, ratio))
            let latency = try #require(stream["latency"] as? [String: Any])
            let p50 = try #require(latency["p50"] as? Double), p99 = try #require(latency["p99"] as? Double)
            #expect(latency["count"] as? Int == 300)
            #expect(0 < p50 && p50 <= p99)
        }
        let flash = try #require(json["flashThroughAPI"] as? [String: Any])
        #expect(flash["count"] as? Int == 5)
    }

    @Test func benchLinkRefusesNonsense() throws {
        let result = try run(Products.url("hotline"), ["bench", "link", "--batch-size", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("batch size 1-1000"))
    }
}
