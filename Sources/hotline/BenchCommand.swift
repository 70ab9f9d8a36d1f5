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
            Starts two sides in this process with stores in a temporary directory, streams entries \
            through the client API (each request waits for the peer's cosigned receipt), then sends \
            FLASH entries one at a time on the idle link. In the same run it measures the floor on \
            one core (per entry: Ed25519 verify, AEAD open, SHA-256; per batch: X-Wing HPKE setup, \
            durable commit, checkpoint signature, divided by the batch size) and prints \
            throughput / floor. See docs/BENCHMARKS.md.
            """)

    @Option(help: "Entries in the stream.") var entries = 5_000
    @Option(help: "Requests in flight during the stream.") var concurrency = 256
    @Option(help: "Entries per batch on the link (the node's batch size).") var batchSize = 200
    @Option(help: "Bytes of text in each entry.") var contentBytes = 1_024
    @Option(help: "FLASH entries sent one at a time.") var flash = 300
    @Flag(help: "Call the sending node in process instead of through its client API, to see the link alone.") var inProcess = false
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
        options.throughAPI = !inProcess
        let quiet = json
        let result = try await LinkBenchmark.run(options) { step in
            if !quiet { FileHandle.standardError.write(Data("… \(step)\n".utf8)) }
        }
        if json {
            try printJSON(result)
            return
        }
        let floor = result.floor
        print("""
            Link on loopback: \(result.entries) entries of \(result.entryBytes) bytes, \(result.concurrency) in flight, batches of up to \(result.batchSize) (mean \(format(result.meanBatchSize, 1)))
              delivered with receipts   \(format(result.entriesPerSecond, 0)) entries/s  (\(format(result.seconds, 2)) s; CPU \(format(result.processorMicrosecondsPerEntry, 0)) µs per entry, both nodes and the client)
              send → cosigned receipt   p50 \(format(result.latency.p50, 2)) ms   p99 \(format(result.latency.p99, 2)) ms   p99.9 \(format(result.latency.p999, 2)) ms
              single FLASH entry        p50 \(format(result.flashLatency.p50, 2)) ms   p99 \(format(result.flashLatency.p99, 2)) ms   p99.9 \(format(result.flashLatency.p999, 2)) ms  (\(result.flashLatency.count) samples, target p99 < 20 ms)
            Floor on one core (medians, µs): Ed25519 verify \(format(floor.ed25519Verify, 1)), AEAD open \(format(floor.aeadOpen, 2)), SHA-256 \(format(floor.sha256, 2)) per entry;
              X-Wing HPKE setup \(format(floor.hpkeSetup, 1)), durable commit \(format(floor.durableCommit, 1)), checkpoint signature \(format(floor.checkpointSignature, 1)) per batch
              = \(format(floor.perEntryMicroseconds, 1)) µs per entry, \(format(floor.entriesPerSecond, 0)) entries/s
            Ratio throughput / floor: \(format(result.ratio, 2))  (target ≥ 0.5)
            """)
    }

    private func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
