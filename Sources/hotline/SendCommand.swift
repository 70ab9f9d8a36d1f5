import ArgumentParser
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message to the other side, signed with your key (or the operator's).",
        discussion: """
            Run beside the node. The text is sealed for both sides and signed on this machine, then \
            handed to the node, which appends it to the record and delivers it; the command waits \
            (--wait seconds) for the other side's receipt. Officials give their keystore with --key \
            and write on the lines of their roles (--line). Without --key it signs as the side's \
            operator, on the line `operators`, which every pair of sides has from pairing.
            """)

    @OptionGroup var options: OfficialOptions
    @Option(help: "The receiving side, when the node has several.") var to: String?
    @Option(help: "The line.") var line = "operators"
    @Option(help: "The track.") var track: String?
    @Option(help: "routine, priority, immediate or flash.") var precedence = "routine"
    @Option(help: "A subject line.") var subject: String?
    @Option(help: "The language of the text (BCP 47), e.g. en or ru.") var language = "en"
    @Option(help: "Wait up to this many seconds for the receipt.") var wait: Double?
    @Argument(help: "The text.") var text: [String]

    func run() async throws {
        try await running {
            guard let precedenceValue = Precedence.allCases.first(where: { $0.description == precedence }) else {
                throw ValidationError("precedence is routine, priority, immediate or flash")
            }
            let session = try await options.session()
            let item = OfficialSession.Item(.message, line: line, track: track, precedence: precedenceValue,
                                            content: .withRandomSalt(language: language, subject: subject, text: text.joined(separator: " ")),
                                            role: options.role, recipient: to)
            let pointer = try await session.send(item, wait: wait)
            let entry = try await session.client.entry(pointer)
            if options.json {
                try printJSON(entry)
            } else {
                let recipient = to ?? session.identities.keys.first { $0 != session.ourSide }?.rawValue ?? "the other side"
                let state = entry.received ? "received by \(recipient)" : (wait == nil ? "delivery under way" : "no receipt yet (the link may be down; it keeps trying)")
                print("Entry \(pointer.sequence) of hotline/\(pointer.side)/\(recipient): \(state).")
            }
            if wait != nil, !entry.received { throw ExitCode(1) }
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the link to each paired side: heartbeats, receipts, lag, alarms.")

    @OptionGroup var data: DataOption
    @Flag(help: "Print the status as JSON.") var json = false

    func run() async throws {
        var fetched: NodeStatus?
        try await running { fetched = try await data.client().status() }
        guard let status = fetched else { return }
        if json { try printJSON(status); return }
        print("\(status.side) (\(status.name)), fingerprint \(status.fingerprint), at \(status.time)")
        if status.peers.isEmpty { print("No paired side yet: see `hotline pair --help`.") }
        for peer in status.peers {
            func age(_ seconds: Double?) -> String { seconds.map { String(format: "%.0f s ago", $0) } ?? "never" }
            func entries(_ count: UInt64) -> String { count == 1 ? "1 entry" : "\(count) entries" }
            print("""

                \(peer.side) (\(peer.name)) via \(peer.address)
                  sent      \(peer.sent.log): \(entries(peer.sent.size)), \(peer.sent.cosignedSize) received (lag \(peer.sent.lag)), last receipt \(age(peer.sent.lastCosignedSecondsAgo))
                  received  \(peer.received.log): \(entries(peer.received.size)), \(peer.received.cosignedSize) cosigned (lag \(peer.received.lag)), last cosigned \(age(peer.received.lastCosignedSecondsAgo))
                  link      \(peer.lastError.map { "failing (\(peer.linkFailures) in a row): \($0)" } ?? "working")\(peer.address.hasPrefix("https://") ? ", TLS with its certificate pinned" : ""); last exchange \(age(peer.lastExchangeSecondsAgo)), heartbeat every \(String(format: "%g", peer.heartbeatSeconds)) s
                """)
            if peer.openAlarms.isEmpty { print("  alarms    none") }
            for alarm in peer.openAlarms { print("  ALARM     \(alarm)") }
        }
        if status.openAlarms > 0 { print("\n\(status.openAlarms) open alarm(s): deliveries from those sides are stopped. See `hotline alarms`.") }
    }
}

struct AlarmsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarms",
        abstract: "Clear the alarm that stopped deliveries from a side, once you have looked at the evidence.",
        subcommands: [Clear.self])

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear a side's alarms (the evidence is kept).")
        @OptionGroup var data: DataOption
        @Argument(help: "The side whose deliveries stopped.") var peer: String
        @Option(help: "Why you are clearing it (kept with the evidence).") var note: String

        func run() async throws {
            try await running {
                let count = try await data.client().clearAlarms(peer: peer, note: note)
                print("Cleared \(count) alarm(s) about \(peer); deliveries resume.")
            }
        }
    }
}
