import ArgumentParser
import Foundation
import HotlineTestSupport

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Moscow and Washington on this machine: the working contacts of 2017, end to end.",
        discussion: """
            Starts two sides (ru, Moscow; us, Washington), each with its own node and store in a \
            temporary directory, paired on loopback. Then plays: roles granted to officials' keys; \
            lines chartered and accepted; Moscow's March proposal and Washington's replies per step; \
            a 2+2 meeting and its joint statement signed by both; an ambassador handover; a FLASH \
            notification acknowledged in time; the services' line with a translation; and the \
            question "has Washington officially sent a three-stage plan?" answered with its proof. \
            Every claim it prints is checked first, on the other side's node or offline. \
            With --keep, both nodes stay up with their addresses and data directories printed.
            """)

    @Flag(help: "Leave both nodes running (stop with Ctrl-C).") var keep = false

    /// `hotline` if that is what the shell finds, else this binary's path.
    static var invocation: String {
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let onPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            URL(fileURLWithPath: String($0)).appendingPathComponent("hotline").standardizedFileURL.path == path
        }
        return onPath ? "hotline" : path
    }

    func run() async throws {
        let started = Date()
        let sides = try await TwoSides.start(heartbeatSeconds: 5)
        let outcome: Demo.Outcome
        do {
            outcome = try await Demo(sides: sides, say: { emit($0) }).run()
        } catch {
            await sides.stop(keepFiles: true)
            throw fail("\(error) (files kept in \(sides.root.path))")
        }
        let seconds = Date().timeIntervalSince(started)
        emit("\nAll \(outcome.checks) claims above were checked, in \(String(format: "%.1f", seconds)) s.")
        // The path this binary was run from, so that the lines below work as pasted.
        let hotline = Self.invocation
        emit("""

            Try next:
              \(hotline) verify \(outcome.answerFile.path)
              \(hotline) verify \(outcome.bundleFile.path)
            """)
        guard keep else {
            await sides.stop(keepFiles: true)
            emit("  (the proof files stay in \(sides.root.path); run `hotline demo --keep` to keep both nodes running)")
            return
        }
        for node in [sides.ru, sides.us] {
            emit("""
                  \(node.node.identity.name) (\(node.side)): API \(node.client.baseURL), data directory \(node.directory.url.path)
                    \(Self.invocation) status --data \(node.directory.url.path)
                    web console: \(node.client.baseURL)/console
                """)
        }
        emit("Both nodes keep running; stop them with Ctrl-C.")
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}

/// Writes a line at once (unbuffered), so that a kept demo's addresses show up in a pipe or a file.
private func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
