import ArgumentParser
import Foundation
import HotlineClient
import HotlineNode
import HotlineRecord

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send an operator's message to a paired side, signed with this side's operator key.",
        discussion: """
            Run beside the node: it reads the operator key from the data directory, seals the text \
            for both sides, signs it and hands it to the node, which appends it to the record and \
            delivers it. With --wait, waits (up to that many seconds) for the other side's receipt. \
            Operators write on the line `operators`, which every pair of sides has from pairing; \
            officials write on the lines chartered for their roles.
            """)

    @OptionGroup var data: DataOption
    @Option(help: "The receiving side, e.g. us.") var to: String
    @Option(help: "The line.") var line = "operators"

    @Option(help: "routine, priority, immediate or flash.") var precedence = "routine"
    @Option(help: "A subject line.") var subject: String?
    @Option(help: "The language of the text (BCP 47), e.g. en or ru.") var language = "en"
    @Option(help: "Wait up to this many seconds for the receipt.") var wait: Double?
    @Flag(help: "Print the result as JSON.") var json = false
    @Argument(help: "The text.") var text: [String]

    func run() async throws {
        do {
            let directory = data.directory
            let secrets = try directory.loadSecrets()
            let identity = try directory.identity()
            let recipient = try directory.peerIdentity(to)
            guard let precedenceValue = Precedence.allCases.first(where: { $0.description == precedence }) else {
                throw NodeError.rejected("precedence must be routine, priority, immediate or flash")
            }
            let composer = EntryComposer(author: secrets.operatorKey, role: identity.operatorRole, sender: identity.keys)
            let draft = EntryComposer.Draft(
                line: try LineID(line), kind: .message, precedence: precedenceValue,
                content: .withRandomSalt(language: language, subject: subject, text: text.joined(separator: " ")))
            let submission = try composer.compose(draft, to: recipient.keys, at: UInt64(Date().timeIntervalSince1970 * 1000))
            let receipt = try await data.client().submit(submission, waitForReceipt: wait)
            if json {
                try printJSON(receipt)
            } else {
                let state = receipt.received ? "received by \(to)" : (wait == nil ? "delivery under way" : "no receipt yet (the link may be down; it keeps trying)")
                print("Entry \(receipt.sequence) of \(receipt.log): \(state).")
            }
            if wait != nil, !receipt.received { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail("\(error)")
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
        let status: NodeStatus
        do { status = try await data.client().status() } catch { throw fail("\(error)") }
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
            do {
                let count = try await data.client().clearAlarms(peer: peer, note: note)
                print("Cleared \(count) alarm(s) about \(peer); deliveries resume.")
            } catch { throw fail("\(error)") }
        }
    }
}
