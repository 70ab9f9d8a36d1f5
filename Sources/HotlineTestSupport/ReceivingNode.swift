import Foundation
import HotlineClient
import HotlineNode
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The receiving side of `hotline bench link`: a node in this process, or its own `hotline serve`
/// process, as two sides always are in use (they share a machine only in the benchmark).
final class ReceivingNode: Sendable {
    let directory: NodeDirectory
    /// Signed with the receiving side's operator key: health and metrics.
    let client: NodeClient
    private let inProcess: RunningNode?
    private let process: ChildProcess?

    private init(directory: NodeDirectory, client: NodeClient, inProcess: RunningNode?, process: ChildProcess?) {
        self.directory = directory
        self.client = client
        self.inProcess = inProcess
        self.process = process
    }

    /// Starts the node in `directory`: as `executable serve` when given, else in this process.
    static func start(directory: NodeDirectory, executable: String?) async throws -> ReceivingNode {
        guard let executable else {
            let node = try await RunningNode.start(directory: directory, logLevel: .error)
            return ReceivingNode(directory: directory, client: node.client, inProcess: node, process: nil)
        }
        let configuration = try directory.loadConfiguration()
        let client = NodeClient(baseURL: "http://\(configuration.apiListen)", key: try directory.loadSecrets().operatorKey)
        let process = try ChildProcess(executable: executable, arguments: ["serve", "--data", directory.url.path, "--log-level", "error"],
                                       capturingErrors: true)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { break }
            if let answer = try? await client.text("/health/ready"), answer.status == 200 {
                return ReceivingNode(directory: directory, client: client, inProcess: nil, process: process)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.kill()
        process.wait()
        throw NodeError.rejected("the receiving node (\(executable) serve) did not become ready within 60 s: \(process.lines.suffix(5).joined(separator: " / "))")
    }

    var isOwnProcess: Bool { process != nil }

    /// CPU seconds (user + system) the receiving process has used; 0 in process (counted there).
    func processorSeconds() -> Double {
        guard let process,
              let stat = try? String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after "(comm)": state is the 3rd field of the line; utime and stime the 14th and 15th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() async {
        if let inProcess { await inProcess.stop() }
        if let process {
            process.kill(SIGTERM)
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { process.kill() }
            process.wait()
        }
    }
}
