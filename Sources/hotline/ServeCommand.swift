import ArgumentParser
import Foundation
import HotlineNode
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run this side's node until SIGTERM or SIGINT.",
        discussion: """
            Serves the peer endpoint and the client API, keeps the link to every paired side, \
            and shuts down gracefully on SIGTERM/SIGINT. Environment variables override node.json: \
            HOTLINE_PEER_LISTEN, HOTLINE_API_LISTEN, HOTLINE_HEARTBEAT_SECONDS, HOTLINE_BATCH_SIZE, HOTLINE_PEER_TLS, HOTLINE_CONTACT_GRACE_SECONDS, \
            HOTLINE_LOG_LEVEL.
            """)

    @OptionGroup var data: DataOption
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String?

    func run() async throws {
        let level = logLevel ?? ProcessInfo.processInfo.environment["HOTLINE_LOG_LEVEL"] ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else { throw fail("unknown log level \(level)") }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return handler
        }
        var logger = Logger(label: "hotline")
        logger.logLevel = parsed
        let node: Node
        do { node = try Node(directory: data.directory, logger: logger) } catch { throw fail("\(error)") }
        try await NodeServer(node: node).run()
    }
}
