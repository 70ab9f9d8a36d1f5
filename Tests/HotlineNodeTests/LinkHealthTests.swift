import AsyncHTTPClient
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HotlineClient
import HotlineRecord
import HotlineTestSupport
import Testing

@testable import HotlineNode

/// The link's health: its rounds in memory (LinkHistory), drawn by the node (LinkPlot), and the
/// cosigned checkpoints of both directions from the store, on the signed client API.
@Suite struct LinkHealthTests {
    /// 2026-05-14T10:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_778_752_800)
    static var nowMs: UInt64 { UInt64(now.timeIntervalSince1970 * 1000) }

    // MARK: - LinkHistory

    @Test func theHistoryKeepsTheLatestRoundsOldestFirst() {
        let history = LinkHistory(capacity: 3)
        #expect(history.samples().isEmpty)
        for index in 0..<5 as Range<UInt64> {
            history.record(LinkHistory.Sample(at: 1_000 + index, kind: .heartbeat, latencyMs: 1, size: index))
        }
        #expect(history.samples().map(\.at) == [1_002, 1_003, 1_004])
        #expect(history.samples(limit: 2).map(\.at) == [1_003, 1_004])
        #expect(history.samples(limit: 0).isEmpty)
        #expect(history.samples(since: 1_004).map(\.at) == [1_004])
        #expect(history.recorded == 5)
        let failure = LinkHistory.Sample.failure(at: 7, error: "first line\nsecond line " + String(repeating: "x", count: 500))
        #expect(failure.kind == .failure && failure.latencyMs == nil && failure.size == nil)
        #expect(failure.error?.hasPrefix("first line second line") == true && failure.error?.count == LinkHistory.Sample.maxErrorLength)
    }

    // MARK: - LinkPlot

    static func samples(deliveries: Int, heartbeats: Int, failures: Int, within minutes: Int = 60) -> [LinkHistory.Sample] {
        let span = UInt64(minutes) * 60_000
        func at(_ index: Int, of count: Int) -> UInt64 { nowMs - span + span * UInt64(index + 1) / UInt64(count + 1) }
        var samples: [LinkHistory.Sample] = []
        samples += (0..<deliveries).map { LinkHistory.Sample(at: at($0, of: deliveries), kind: .delivery, latencyMs: 2.5 * Double($0 + 1), size: UInt64($0 + 1)) }
        samples += (0..<heartbeats).map { LinkHistory.Sample(at: at($0, of: heartbeats), kind: .heartbeat, latencyMs: 1.2, size: UInt64(deliveries)) }
        samples += (0..<failures).map { .failure(at: at($0, of: failures), error: "cannot reach http://127.0.0.1:1: connection refused") }
        return samples
    }

    @Test func anEmptyWindowSaysSo() throws {
        let english = LinkPlot.svg(samples: [], now: Self.now, minutes: 60, peer: "us (Washington)", language: .en)
        #expect(english.contains("no rounds in this window"))
        let russian = LinkPlot.svg(samples: [], now: Self.now, minutes: 60, peer: "us (Washington)", language: .ru)
        #expect(russian.contains("в этом окне нет раундов") && russian.contains("время, UTC"))
        // Rounds outside the window (older, or later than now) are not drawn.
        let outside = [LinkHistory.Sample(at: Self.nowMs - 61 * 60_000, kind: .delivery, latencyMs: 3, size: 1),
                       LinkHistory.Sample(at: Self.nowMs + 1_000, kind: .delivery, latencyMs: 3, size: 2)]
        let plot = try PlotXML(LinkPlot.svg(samples: outside, now: Self.now, minutes: 60, peer: "us", language: .en))
        #expect(plot.count("delivery") == 0 && plot.text.contains("no rounds in this window"))
        #expect(try PlotXML(english).root == "svg")
    }

    @Test(arguments: [(0, 0, 1), (1, 0, 0), (7, 3, 2), (40, 25, 5)])
    func eachRoundIsOneMarkOfItsKind(_ deliveries: Int, _ heartbeats: Int, _ failures: Int) throws {
        let samples = Self.samples(deliveries: deliveries, heartbeats: heartbeats, failures: failures)
        for language in LinkPlot.Language.allCases {
            let plot = try PlotXML(LinkPlot.svg(samples: samples.shuffled(), now: Self.now, minutes: 60, peer: "us", language: language))
            #expect(plot.count("delivery") == deliveries)
            #expect(plot.count("heartbeat") == heartbeats)
            #expect(plot.count("failure") == failures)
            #expect(!plot.text.contains(language == .en ? "no rounds in this window" : "в этом окне нет раундов"))
            #expect(plot.elements.contains("circle") && plot.root == "svg")
        }
        let english = LinkPlot.svg(samples: samples, now: Self.now, minutes: 60, peer: "us", language: .en)
        #expect(english.contains("delivery latency, ms (log scale)") && english.contains("time, UTC") && english.contains("Link to us"))
        let russian = LinkPlot.svg(samples: samples, now: Self.now, minutes: 60, peer: "us", language: .ru)
        #expect(russian.contains("задержка доставки, мс") && russian.contains("Связь с us"))
    }

    @Test func timeTicksAreUTCClockTimes() throws {
        // 09:00 to 10:00 UTC: ticks every 10 minutes, 09:00 … 10:00.
        let plot = try PlotXML(LinkPlot.svg(samples: Self.samples(deliveries: 1, heartbeats: 0, failures: 0), now: Self.now, minutes: 60, peer: "us", language: .en))
        for label in ["09:00", "09:10", "09:30", "09:50", "10:00"] { #expect(plot.text.contains(label), "\(label)") }
        // A week: one tick a day, by date.
        let week = try PlotXML(LinkPlot.svg(samples: [], now: Self.now, minutes: LinkPlot.maxMinutes, peer: "us", language: .en))
        #expect(week.text.contains("2026-05-10") && week.text.contains("2026-05-14"))
    }

    @Test func hostileTextIsEscaped() throws {
        let peer = #"us"><script>alert(1)</script><text x="0">&amp; ' "#
        let error = "the peer refused with 403: <svg onload=alert(2)> & \u{0}\u{1B}[31m\u{FFFE} ]]>"
        let samples = [LinkHistory.Sample.failure(at: Self.nowMs - 60_000, error: error)]
        let svg = LinkPlot.svg(samples: samples, now: Self.now, minutes: 60, peer: peer, language: .en)
        #expect(!svg.contains("<script") && !svg.contains("<svg onload") && !svg.contains("\u{0}"))
        let plot = try PlotXML(svg)
        #expect(!plot.elements.contains("script"))
        #expect(plot.count("failure") == 1)
        // The texts come back as written, but for the characters XML cannot hold at all.
        #expect(plot.text.contains(peer))
        #expect(plot.text.contains("the peer refused with 403: <svg onload=alert(2)> & \u{FFFD}\u{FFFD}[31m\u{FFFD} ]]>"))
        // Nothing loads from anywhere and nothing runs.
        #expect(!svg.contains("href") && !svg.contains("url(") && !svg.contains("<style") && !svg.lowercased().contains("javascript"))
    }

    // MARK: - Two live nodes

    /// Polls `condition` every 50 ms for at most `seconds`.
    static func eventually(_ seconds: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    static func decode<T: Decodable>(_ type: T.Type, _ answer: (status: Int, body: [UInt8])) throws -> T {
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        return try JSONDecoder().decode(type, from: Data(answer.body))
    }

    @Test func theNodeListsAndDrawsItsRoundsAndBothDirectionsReceipts() async throws {
        let sides = try await TwoSides.start(heartbeatSeconds: 30)
        let client = sides.ru.client
        let ru = try await OfficialSession.open(client)
        let us = try await OfficialSession.open(sides.us.client)
        for index in 0..<3 {
            try await ru.send(.init(.message, line: "operators", content: .withRandomSalt(text: "link health \(index)")), wait: 20)
        }
        for index in 0..<2 {
            try await us.send(.init(.message, line: "operators", content: .withRandomSalt(text: "from us \(index)")), wait: 20)
        }

        // The history: one delivery round per entry sent with a wait, each with its latency and a
        // larger size (the sample is kept just after the receipt is, so wait for it).
        var history = LinkHistoryView(peer: "", samples: [])
        let delivered = try await Self.eventually {
            history = try Self.decode(LinkHistoryView.self, try await client.raw("GET", "/api/v1/link/history?peer=us"))
            return history.samples.last(where: { $0.kind == "delivery" })?.size == 3
        }
        #expect(delivered, "\(history.samples)")
        #expect(history.peer == "us")
        let deliveries = history.samples.filter { $0.kind == "delivery" }
        #expect(deliveries.count >= 1 && deliveries.count <= 3)
        #expect(deliveries.allSatisfy { ($0.latencyMs ?? 0) > 0 && $0.error == nil }, "\(deliveries)")
        let sizes = deliveries.compactMap(\.size)
        #expect(sizes.count == deliveries.count && zip(sizes, sizes.dropFirst()).allSatisfy { $0 < $1 }, "\(sizes)")
        #expect(history.samples.map(\.atMs) == history.samples.map(\.atMs).sorted())
        #expect(history.samples.allSatisfy { $0.at.hasSuffix("Z") && $0.at.count == 20 })
        let limited = try Self.decode(LinkHistoryView.self, try await client.raw("GET", "/api/v1/link/history?peer=us&limit=1"))
        #expect(limited.samples.count == 1)

        // The plot: one dot per delivery round.
        let (status, svg) = try await client.raw("GET", "/api/v1/link/plot.svg?peer=us&minutes=30")
        #expect(status == 200)
        let plot = try PlotXML(String(decoding: svg, as: UTF8.self))
        #expect(plot.count("delivery") == deliveries.count)
        #expect(plot.count("heartbeat") + plot.count("failure") >= 1, "the first round after a start only asks for a receipt")
        #expect(plot.text.contains("us (Washington)"))
        let russian = try await client.raw("GET", "/api/v1/link/plot.svg?peer=us&lang=ru")
        #expect(russian.status == 200 && String(decoding: russian.body, as: UTF8.self).contains("Связь с us"))
        let headers = try client.signatureHeaders(method: "GET", path: "/api/v1/link/plot.svg?peer=us", body: [], contentType: nil)
        var request = HTTPClientRequest(url: client.baseURL + "/api/v1/link/plot.svg?peer=us")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await NodeClient.defaultHTTP.execute(request, timeout: .seconds(20))
        #expect(response.status.code == 200 && response.headers.first(name: "Content-Type") == "image/svg+xml")
        _ = try await response.body.collect(upTo: 1 << 20)

        // The checkpoints of both directions, most recent first, from the store.
        let ours = try Self.decode(CheckpointHistoryView.self, try await client.raw("GET", "/api/v1/checkpoints?log=ru"))
        #expect(ours.log == "hotline/ru/us" && ours.sender == "ru" && ours.cosigner == "us" && ours.size == 3)
        #expect(ours.cosignatures.first?.size == 3)
        for direction in [ours] {
            let oldestFirst = direction.cosignatures.reversed().map(\.size)
            #expect(oldestFirst == oldestFirst.sorted(), "\(oldestFirst)")
            #expect(direction.cosignatures.map(\.timestamp) == direction.cosignatures.map(\.timestamp).sorted(by: >))
        }
        #expect(Set(ours.cosignatures.map(\.size)).isSuperset(of: Set(sizes)))
        let theirs = try Self.decode(CheckpointHistoryView.self, try await client.raw("GET", "/api/v1/checkpoints?log=us&limit=1000"))
        #expect(theirs.log == "hotline/us/ru" && theirs.sender == "us" && theirs.cosigner == "ru" && theirs.size == 2)
        #expect(theirs.cosignatures.first?.size == 2)
        let theirSizes = theirs.cosignatures.reversed().map(\.size)
        #expect(theirSizes == theirSizes.sorted() && theirSizes.contains(1), "\(theirSizes)")
        #expect(theirs.cosignatures.allSatisfy { $0.cosignedAt == UTCTimeText.seconds($0.timestamp) })
        // The same direction seen from the other node: the receipts ru holds are the ones us gave.
        let given = try Self.decode(CheckpointHistoryView.self, try await sides.us.client.raw("GET", "/api/v1/checkpoints?log=ru"))
        #expect(given.log == "hotline/ru/us" && given.cosignatures.first?.size == 3)
        // Paging: one at a time, `before` the last one's time.
        let newest = try Self.decode(CheckpointHistoryView.self, try await client.raw("GET", "/api/v1/checkpoints?log=ru&limit=1"))
        let page = try #require(newest.cosignatures.first)
        let older = try Self.decode(CheckpointHistoryView.self, try await client.raw("GET", "/api/v1/checkpoints?log=ru&before=\(page.timestamp)"))
        #expect(older.cosignatures.allSatisfy { $0.timestamp < page.timestamp })

        // Unknown sides are 404, malformed queries 400, unsigned requests 401.
        for path in ["/api/v1/link/history?peer=zz", "/api/v1/link/plot.svg?peer=zz", "/api/v1/checkpoints?log=zz", "/api/v1/checkpoints?log=ru&peer=zz"] {
            let (status, body) = try await client.raw("GET", path)
            let text = String(decoding: body, as: UTF8.self)
            #expect(status == 404 && text.contains("zz") && text.contains("\"error\""), "\(path): \(status) \(text)")
        }
        for path in ["/api/v1/link/history", "/api/v1/link/history?peer=us&limit=x", "/api/v1/link/plot.svg?peer=us&minutes=0",
                     "/api/v1/link/plot.svg?peer=us&minutes=10081", "/api/v1/link/plot.svg?peer=us&lang=de", "/api/v1/checkpoints",
                     "/api/v1/checkpoints?log=ru&before=-1", "/api/v1/checkpoints?log=us&peer=ru"] {
            let (status, body) = try await client.raw("GET", path)
            #expect(status == 400, "\(path): \(status) \(String(decoding: body, as: UTF8.self))")
        }
        let unsigned = NodeClient(baseURL: client.baseURL, key: nil)
        for path in ["/api/v1/link/history?peer=us", "/api/v1/link/plot.svg?peer=us", "/api/v1/checkpoints?log=ru"] {
            #expect(try await unsigned.raw("GET", path).status == 401, "\(path)")
        }
        await sides.stop()
    }

    /// A failed round is in the history with its error, and drawn in red.
    @Test func failedRoundsAreKeptWithTheirError() async throws {
        // ru dials a port where nothing listens: every round of its link fails.
        let nowhere = try FreePort.pick()
        let sides = try await TwoSides.start(heartbeatSeconds: 30, route: { side, port in side == "us" ? nowhere : port })
        var history = LinkHistoryView(peer: "", samples: [])
        let failed = try await Self.eventually {
            history = try sides.ru.node.linkHistoryView(peer: "us")
            return history.samples.contains { $0.kind == "failure" }
        }
        #expect(failed, "\(history.samples)")
        let failure = try #require(history.samples.first { $0.kind == "failure" })
        #expect(failure.error?.isEmpty == false && failure.latencyMs == nil && failure.size == nil)
        let (status, svg) = try await sides.ru.client.raw("GET", "/api/v1/link/plot.svg?peer=us")
        #expect(status == 200)
        #expect(try PlotXML(String(decoding: svg, as: UTF8.self)).count("failure") >= 1)
        await sides.stop()
    }
}

/// RFC 3339 of whole seconds, as the API writes cosignature times.
enum UTCTimeText {
    static func seconds(_ seconds: UInt64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
    }
}

/// An SVG parsed with Foundation's XMLParser: its elements, their classes and all its text.
final class PlotXML: NSObject, XMLParserDelegate {
    private(set) var root: String?
    private(set) var elements: [String] = []
    private(set) var classes: [String] = []
    private(set) var text = ""

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw PlotError.notXML("\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
    }

    enum PlotError: Error { case notXML(String) }

    /// Elements whose class is exactly `name`.
    func count(_ name: String) -> Int { classes.filter { $0 == name }.count }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = elementName }
        elements.append(elementName)
        if let name = attributes["class"] { classes.append(name) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
