import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord
import Logging
import Synchronization

/// Two sides, Moscow (`ru`) and Washington (`us`), each with its own node, store and keys in a
/// temporary directory, paired with each other and running in this process on loopback. Used
/// by the tests, `hotline demo` and `hotline bench link`.
public final class TwoSides: Sendable {
    public let ru: RunningNode
    public let us: RunningNode
    public let root: URL

    /// Creates and starts both nodes. `route` may put something (a fault proxy) between them:
    /// it receives a side's real peer port and returns the port the other side should dial.
    /// With `tls`, the peer endpoints serve TLS and each side pins the other's certificate.
    public static func start(heartbeatSeconds: Double = 60, batchSize: Int = 200, logLevel: Logger.Level = .warning, tls: Bool = false,
                             clock: NodeClock = .system, route: @Sendable (String, Int) throws -> Int = { $1 }) async throws -> TwoSides {
        let (root, directories) = try prepare(heartbeatSeconds: heartbeatSeconds, batchSize: batchSize, tls: tls, route: route)
        let ru = try await RunningNode.start(directory: directories[0], logLevel: logLevel, clock: clock)
        let us = try await RunningNode.start(directory: directories[1], logLevel: logLevel, clock: clock)
        return TwoSides(ru: ru, us: us, root: root)
    }

    /// Creates and pairs both sides' data directories (ru, then us) under a new temporary root,
    /// without starting them: for a node started as its own process (`hotline serve`).
    public static func prepare(heartbeatSeconds: Double = 60, batchSize: Int = 200, tls: Bool = false,
                               route: @Sendable (String, Int) throws -> Int = { $1 }) throws -> (root: URL, directories: [NodeDirectory]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-two-sides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let ports = try (0..<4).map { _ in try FreePort.pick() }
        let scheme = tls ? "https" : "http"
        let sides = [("ru", "Moscow", ports[0], ports[1]), ("us", "Washington", ports[2], ports[3])]
        var directories: [NodeDirectory] = []
        for (side, name, peerPort, apiPort) in sides {
            let configuration = NodeConfiguration(
                side: side, name: name, peerListen: "127.0.0.1:\(peerPort)", apiListen: "127.0.0.1:\(apiPort)",
                advertisedAddresses: ["\(scheme)://127.0.0.1:\(peerPort)"], heartbeatSeconds: heartbeatSeconds, batchSize: batchSize,
                peerTLS: tls)
            directories.append(try NodeDirectory.initialize(at: root.appendingPathComponent(side).path, side: SideID(side), name: name,
                                                            configuration: configuration))
        }
        try directories[0].pair(try directories[1].identity(), addresses: ["\(scheme)://127.0.0.1:\(try route("us", ports[2]))"])
        try directories[1].pair(try directories[0].identity(), addresses: ["\(scheme)://127.0.0.1:\(try route("ru", ports[0]))"])
        return (root, directories)
    }

    init(ru: RunningNode, us: RunningNode, root: URL) {
        self.ru = ru
        self.us = us
        self.root = root
    }

    /// Stops both nodes and removes their directories.
    public func stop(keepFiles: Bool = false) async {
        await ru.stop()
        await us.stop()
        if !keepFiles { try? FileManager.default.removeItem(at: root) }
    }
}

/// A node running in this process.
public final class RunningNode: Sendable {
    public let directory: NodeDirectory
    public let node: Node
    public let server: NodeServer
    public let client: NodeClient
    private let task: Task<Void, any Error>

    public static func start(directory: NodeDirectory, logLevel: Logger.Level = .warning, clock: NodeClock = .system) async throws -> RunningNode {
        var logger = Logger(label: "hotline")
        logger.logLevel = logLevel
        var attempt = 0
        while true {
            attempt += 1
            let node = try Node(directory: directory, environment: [:], clock: clock, logger: logger)
            let server = NodeServer(node: node)
            let finished = Finished()
            let task = Task {
                defer { finished.set() }
                try await server.run(signals: [])
            }
            // Generous: a test process runs many suites at once on few cores.
            let deadline = Date().addingTimeInterval(60)
            while server.apiPort == nil || server.peerPort == nil {
                if finished.isSet || Date() >= deadline {
                    task.cancel()
                    let outcome = await task.result
                    await node.shutdown()
                    // A node stopped a moment ago on the same ports may not have let go of them yet.
                    if case let .failure(error) = outcome, "\(error)".contains("Address already in use"), attempt < 20 {
                        try await Task.sleep(nanoseconds: 250_000_000)
                        break
                    }
                    throw NodeError.configuration("the node in \(directory.url.path) did not start within 60 s (\(outcome))")
                }
                try await Task.sleep(nanoseconds: 5_000_000)
            }
            if let api = server.apiPort, server.peerPort != nil {
                return RunningNode(directory: directory, node: node, server: server, client: NodeClient(baseURL: "http://127.0.0.1:\(api)", key: try directory.loadSecrets().operatorKey), task: task)
            }
        }
    }

    /// Set once the server's task has ended.
    final class Finished: Sendable {
        private let flag = Mutex(false)
        func set() { flag.withLock { $0 = true } }
        var isSet: Bool { flag.withLock { $0 } }
    }

    init(directory: NodeDirectory, node: Node, server: NodeServer, client: NodeClient, task: Task<Void, any Error>) {
        self.directory = directory
        self.node = node
        self.server = server
        self.client = client
        self.task = task
    }

    public var side: SideID { node.identity.side }

    /// The operator's composer: entries signed by this side's operator key.
    public func composer() throws -> EntryComposer {
        let secrets = try directory.loadSecrets()
        return EntryComposer(author: secrets.operatorKey, role: node.identity.operatorRole, sender: node.identity.keys)
    }

    public func peerKeys(_ side: String) throws -> SidePublicKeys {
        try directory.peerIdentity(side).keys
    }

    public func stop() async {
        await server.shutdown()
        // A graceful stop normally takes milliseconds; do not let a stuck one hang a test.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, server.isReady {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        if server.isReady { task.cancel() }
        _ = await task.result
    }
}

/// An unused TCP port on 127.0.0.1 for a test server. Chosen at random below the kernel's
/// ephemeral range, so that no outgoing connection (of this test or one running beside it)
/// takes it as its local port between the pick and a restart of the server on it.
public enum FreePort {
    public static func pick() throws -> Int {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) } ?? []
        let ephemeralStart = range.first ?? 32_768
        let candidates = ephemeralStart > 12_000 ? 10_000..<(ephemeralStart - 1) : 49_152..<65_535
        for _ in 0..<200 {
            let port = Int.random(in: candidates)
            // Suites run in parallel in one process: a port handed out once is never handed
            // out again, even while its node is stopped for a restart and the port is free.
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if bindable(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    private static let handedOut = Mutex<Set<Int>>([])

    static func bindable(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }
}
