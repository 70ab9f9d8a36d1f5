import AsyncHTTPClient
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import Histogram
import Synchronization

/// `hotline bench link`: two nodes on loopback, the receiver in this process or its own
/// (`Options.receiverExecutable`). Entries are handed to the sending node and
/// counted once the peer's cosigned receipt covers them, twice: called in process (the link
/// alone, with the node's own checks of each submission) and through the client API over HTTP
/// (what officials' clients do). Then single FLASH entries on the idle link, both ways. Beside
/// it, the floor measured in the same run (`LinkFloor`).
public enum LinkBenchmark {
    public struct Options: Sendable {
        public var entries = 10_000
        /// Twice a round of the link (five batches of 200): each request waits for its receipt,
        /// so with no more in flight than a round the link would empty at every receipt.
        public var concurrency = 2_048
        public var batchSize = 200
        public var contentBytes = 1_024
        public var flashSamples = 300
        /// The `hotline` executable to run the receiving node as its own process (`serve`);
        /// nil runs both nodes in this process.
        public var receiverExecutable: String?
        public init() {}
    }

    /// Latency percentiles in milliseconds.
    public struct Latency: Codable, Sendable {
        public var count: UInt64
        public var p50: Double
        public var p99: Double
        public var p999: Double
        public var max: Double

        init(_ histogram: Histogram<UInt64>) {
            count = histogram.totalCount
            p50 = Double(histogram.valueAtPercentile(50)) / 1_000
            p99 = Double(histogram.valueAtPercentile(99)) / 1_000
            p999 = Double(histogram.valueAtPercentile(99.9)) / 1_000
            max = Double(histogram.max) / 1_000
        }
    }

    /// One stream of entries, `concurrency` in flight, each waiting for its receipt.
    public struct Stream: Codable, Sendable {
        public var entries: Int
        public var seconds: Double
        /// Entries delivered and covered by a cosigned receipt, per second.
        public var entriesPerSecond: Double
        /// Send to cosigned receipt, under the stream's load.
        public var latency: Latency
        /// The mean number of entries per batch the receiver took.
        public var meanBatchSize: Double
        /// CPU time during the stream, per entry: both nodes and the client (both processes when
        /// the receiver runs as its own).
        public var processorMicrosecondsPerEntry: Double
        /// entriesPerSecond / floor.entriesPerSecond.
        public var ratio: Double
    }

    public struct Result: Encodable, Sendable {
        /// Whether the receiving node ran as its own process.
        public var receiverInOwnProcess: Bool
        public var concurrency: Int
        public var batchSize: Int
        public var entryBytes: Int
        /// Submissions handed to the sending node in process.
        public var inProcess: Stream
        /// Submissions through the client API over HTTP.
        public var throughAPI: Stream
        /// A single FLASH entry on an idle link, send to cosigned receipt.
        public var flashInProcess: Latency
        public var flashThroughAPI: Latency
        public var floor: LinkFloor
    }

    public static func run(_ options: Options, progress: @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let (root, directories) = try TwoSides.prepare(heartbeatSeconds: 60, batchSize: options.batchSize)
        defer { try? FileManager.default.removeItem(at: root) }
        // The receiver first, so that the sender's link finds it up.
        let receiver = try await ReceivingNode.start(directory: directories[1], executable: options.receiverExecutable)
        let sender: RunningNode
        do { sender = try await RunningNode.start(directory: directories[0], logLevel: .error) } catch {
            await receiver.stop()
            throw error
        }
        // The client's pool must allow as many connections as requests in flight.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.concurrency + 8
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await run(options, sender: sender, receiver: receiver, scratch: root.appendingPathComponent("floor"),
                                       http: http, progress: progress)
            try await http.shutdown()
            await sender.stop()
            await receiver.stop()
            return result
        } catch {
            try? await http.shutdown()
            await sender.stop()
            await receiver.stop()
            throw error
        }
    }

    private static func run(_ options: Options, sender: RunningNode, receiver: ReceivingNode, scratch: URL, http: HTTPClient,
                            progress: @Sendable (String) -> Void) async throws -> Result {
        let api = NodeClient(baseURL: sender.client.baseURL, key: sender.client.key, http: http, timeout: .seconds(120))
        let node = InProcess(node: sender.node)
        let composer = try sender.composer()
        let us = try sender.peerKeys("us")
        let warmup = min(1_000, max(50, options.entries / 10))
        let total = warmup + 2 * options.entries + 2 * options.flashSamples
        progress("composing \(total) entries of \(options.contentBytes) bytes of text")
        let text = String(repeating: "x", count: options.contentBytes)
        let submissions = try await compose(count: total, composer: composer, to: us, text: text,
                                            flashFrom: warmup + 2 * options.entries)
        var rest = submissions[...]
        func take(_ count: Int) -> [EntrySubmission] {
            defer { rest = rest.dropFirst(count) }
            return Array(rest.prefix(count))
        }

        progress("warming up with \(warmup) entries")
        _ = try await stream(take(warmup), concurrency: options.concurrency, client: api)

        progress("measuring the floor")
        let origin = LogOrigin(sender: sender.side, recipient: us.side)
        guard let sample = try await sender.node.store.records(origin, in: 0..<1).first else { throw BenchError.missingRecord(0) }
        let secrets = try receiver.directory.loadSecrets()
        let floorBefore = try LinkFloor.measure(entry: sample.leaf, content: sample.content, authorKey: composer.author.publicKey,
                                                keys: secrets.keys, batchSize: options.batchSize, scratch: scratch)

        var streams: [(histogram: Histogram<UInt64>, seconds: Double, processor: Double, batches: Int)] = []
        for (name, client) in [("in process", node as any Submitter), ("through the client API", api)] {
            progress("streaming \(options.entries) entries \(name), \(options.concurrency) in flight")
            let batchesBefore = try await batchesReceived(receiver.client)
            let processorBefore = processorSeconds() + receiver.processorSeconds()
            let streamed = try await stream(take(options.entries), concurrency: options.concurrency, client: client)
            let processor = processorSeconds() + receiver.processorSeconds() - processorBefore
            streams.append((streamed.histogram, streamed.seconds, processor, try await batchesReceived(receiver.client) - batchesBefore))
        }

        var flash: [Histogram<UInt64>] = []
        for (name, client) in [("in process", node as any Submitter), ("through the client API", api)] {
            progress("sending \(options.flashSamples) FLASH entries one at a time, \(name)")
            var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
            for submission in take(options.flashSamples) {
                let start = ContinuousClock.now
                let receipt = try await client.submit(submission, waitForReceipt: 60)
                guard receipt.received else { throw BenchError.noReceipt(receipt.sequence) }
                _ = histogram.record(microseconds(ContinuousClock.now - start))
            }
            flash.append(histogram)
        }

        progress("measuring the floor again")
        let floorAfter = try LinkFloor.measure(entry: sample.leaf, content: sample.content, authorKey: composer.author.publicKey,
                                               keys: secrets.keys, batchSize: options.batchSize, scratch: scratch)
        let floor = LinkFloor.mean(floorBefore, floorAfter)
        let results = streams.map { streamed in
            let rate = Double(options.entries) / streamed.seconds
            return Stream(entries: options.entries, seconds: streamed.seconds, entriesPerSecond: rate, latency: Latency(streamed.histogram),
                          meanBatchSize: streamed.batches > 0 ? Double(options.entries) / Double(streamed.batches) : 0,
                          processorMicrosecondsPerEntry: streamed.processor * 1e6 / Double(options.entries),
                          ratio: rate / floor.entriesPerSecond)
        }
        return Result(receiverInOwnProcess: receiver.isOwnProcess, concurrency: options.concurrency, batchSize: options.batchSize, entryBytes: sample.leaf.count + sample.content.count,
                      inProcess: results[0], throughAPI: results[1], flashInProcess: Latency(flash[0]), flashThroughAPI: Latency(flash[1]),
                      floor: floor)
    }

    /// Seals and signs the entries beforehand, on every core: that is the officials' work,
    /// not the link's.
    private static func compose(count: Int, composer: EntryComposer, to recipient: SidePublicKeys, text: String,
                                flashFrom: Int) async throws -> [EntrySubmission] {
        let line = try LineID("operators")
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return try await withThrowingTaskGroup(of: [(Int, EntrySubmission)].self) { group in
            for core in 0..<cores {
                group.addTask {
                    try stride(from: core, to: count, by: cores).map { index in
                        let draft = EntryComposer.Draft(line: line, precedence: index >= flashFrom ? .flash : .routine,
                                                        content: .withRandomSalt(language: "en", text: text))
                        return (index, try composer.compose(draft, to: recipient, at: 1_800_000_000_000 + UInt64(index)))
                    }
                }
            }
            var all = [EntrySubmission?](repeating: nil, count: count)
            for try await part in group { for (index, submission) in part { all[index] = submission } }
            return all.map { $0! }
        }
    }

    /// Sends `submissions` with `concurrency` requests in flight, each waiting for its receipt.
    private static func stream(_ submissions: [EntrySubmission], concurrency: Int, client: any Submitter) async throws
        -> (seconds: Double, histogram: Histogram<UInt64>) {
        let next = NextIndex()
        let start = ContinuousClock.now
        // Each worker keeps its latencies in a plain array; the histogram is built after the
        // clock stops. (A histogram per worker zeroed ~160 KB each: 330 MB at 2,048 in flight,
        // counted against the link.)
        let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<min(concurrency, submissions.count) {
                group.addTask {
                    var local: [UInt64] = []
                    while true {
                        let index = next.take()
                        guard index < submissions.count else { return local }
                        let sent = ContinuousClock.now
                        let receipt = try await client.submit(submissions[index], waitForReceipt: 120)
                        guard receipt.received else { throw BenchError.noReceipt(receipt.sequence) }
                        local.append(microseconds(ContinuousClock.now - sent))
                    }
                }
            }
            var all: [[UInt64]] = []
            for try await part in group { all.append(part) }
            return all
        }
        let elapsed = ContinuousClock.now - start
        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
        for part in latencies { for value in part { _ = histogram.record(value) } }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, histogram)
    }

    /// The receiver's count of batches taken, from its /metrics.
    static func batchesReceived(_ client: NodeClient) async throws -> Int {
        let metrics = try await client.text("/metrics").body
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("hotline_batches_received_total") }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Int(Double($0) ?? -1) } ?? 0
    }

    /// User and system CPU time of this process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        UInt64(max(0, duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000))
    }
}

enum BenchError: Error, CustomStringConvertible {
    case noReceipt(UInt64)
    case missingRecord(UInt64)
    var description: String {
        switch self {
        case let .noReceipt(sequence): "entry \(sequence) got no receipt within the wait; the link is not delivering"
        case let .missingRecord(sequence): "entry \(sequence) is not in the log"
        }
    }
}

/// Hands out indexes to the stream's workers.
final class NextIndex: Sendable {
    private let next = Atomic<Int>(0)
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}

/// Where the benchmark hands entries to the sending node.
protocol Submitter: Sendable {
    func submit(_ submission: EntrySubmission, waitForReceipt: Double?) async throws -> EntryReceipt
}

extension NodeClient: Submitter {}

/// The node called in this process: the same checks and the same link, without HTTP and JSON.
struct InProcess: Submitter {
    let node: Node
    func submit(_ submission: EntrySubmission, waitForReceipt: Double?) async throws -> EntryReceipt {
        let result = try await node.submit(header: submission.header, signature: submission.signature, content: submission.content,
                                           waitForReceipt: waitForReceipt.map { .milliseconds(Int($0 * 1000)) })
        return result.receipt
    }
}
