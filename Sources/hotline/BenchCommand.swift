import ArgumentParser
import Foundation
import HotlineTestSupport

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the system on this machine.",
        subcommands: [BenchLinkCommand.self])
}

struct BenchLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Two nodes on loopback: entries/s delivered with receipts, latency to the receipt, and the floor.",
        discussion: """
            Starts two sides in this process (with --receiver-process, the receiving one as its own \
            `hotline serve` process) with stores in a temporary directory and streams entries to \
            the sending node, each waiting for the peer's cosigned receipt: first handed \
            to the node in process (the link, with the node's own checks of each submission), then \
            through the client API over HTTP. Then FLASH entries one at a time on the idle link. \
            In the same run it measures the floor on one core (per entry: Ed25519 verify, AEAD \
            open, SHA-256; per batch: X-Wing HPKE setup, durable commit, checkpoint signature, \
            divided by the batch size) and prints throughput / floor. Build with -c release. \
            See docs/BENCHMARKS.md.
            """)

    @Option(help: "Entries in each stream.") var entries = 10_000
    @Option(help: "Requests in flight during the streams, each waiting for its receipt (two rounds of the link).") var concurrency = 2_048
    @Option(help: "Entries per batch on the link (the node's batch size).") var batchSize = 200
    @Option(help: "Bytes of text in each entry.") var contentBytes = 1_024
    @Option(help: "FLASH entries sent one at a time, each way.") var flash = 300
    @Flag(help: "Run the receiving node as its own `hotline serve` process instead of in this one.") var receiverProcess = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard entries >= 1, concurrency >= 1, (1...1_000).contains(batchSize), contentBytes >= 0, flash >= 1 else {
            throw ValidationError("entries, concurrency and flash must be at least 1, batch size 1-1000")
        }
    }

    func run() async throws {
        var options = LinkBenchmark.Options()
        options.entries = entries
        options.concurrency = concurrency
        options.batchSize = batchSize
        options.contentBytes = contentBytes
        options.flashSamples = flash
        if receiverProcess {
            // This very executable serves the receiving side.
            options.receiverExecutable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }
        let quiet = json
        let result = try await LinkBenchmark.run(options) { step in
            if !quiet { FileHandle.standardError.write(Data("… \(step)\n".utf8)) }
        }
        if json {
            try printJSON(result)
            return
        }
        let floor = result.floor
        func stream(_ name: String, _ stream: LinkBenchmark.Stream) -> String {
            """
              \(name)
                delivered with receipts   \(format(stream.entriesPerSecond, 0)) entries/s   ratio to the floor \(format(stream.ratio, 2))  (target ≥ 0.5)
                send → cosigned receipt   p50 \(format(stream.latency.p50, 1)) ms   p99 \(format(stream.latency.p99, 1)) ms   p99.9 \(format(stream.latency.p999, 1)) ms
                \(stream.entries) entries in \(format(stream.seconds, 2)) s, mean batch \(format(stream.meanBatchSize, 1)), CPU \(format(stream.processorMicrosecondsPerEntry, 0)) µs per entry (both nodes and the client)
            """
        }
        func flashLine(_ name: String, _ latency: LinkBenchmark.Latency) -> String {
            "  single FLASH entry, \(name): p50 \(format(latency.p50, 2)) ms   p99 \(format(latency.p99, 2)) ms   p99.9 \(format(latency.p999, 2)) ms  (\(latency.count) samples, target p99 < 20 ms)"
        }
        print("""
            Link on loopback: entries of \(result.entryBytes) bytes, \(result.concurrency) in flight, batches of up to \(result.batchSize), \(result.receiverInOwnProcess ? "the receiving node in its own process" : "both nodes in one process")
            \(stream("handed to the node in process", result.inProcess))
            \(stream("through the client API (HTTP)", result.throughAPI))
            \(flashLine("in process", result.flashInProcess))
            \(flashLine("through the client API", result.flashThroughAPI))
            Floor on one core (medians, µs): Ed25519 verify \(format(floor.ed25519Verify, 1)), AEAD open \(format(floor.aeadOpen, 2)), SHA-256 \(format(floor.sha256, 2)) per entry;
              X-Wing HPKE setup \(format(floor.hpkeSetup, 1)), durable commit \(format(floor.durableCommit, 1)), checkpoint signature \(format(floor.checkpointSignature, 1)) per batch
              = \(format(floor.perEntryMicroseconds, 1)) µs per entry, \(format(floor.entriesPerSecond, 0)) entries/s
            """)
    }

    private func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
