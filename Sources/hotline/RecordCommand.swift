import ArgumentParser
import Foundation
import HotlineClient
import HotlineRecord
import HotlineRules

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Questions to the record, answered with proof; evidence bundles.",
        subcommands: [RecordAskCommand.self, RecordExportCommand.self])
}

struct RecordAskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "What did a side officially send? Answered with its proof, positive or negative.",
        discussion: """
            Example: has Washington officially sent a three-stage plan on the foreign ministers' line?
              hotline record ask --key me.keystore --sender us --line ru-us/mfa --stages 3 --out answer.json
            The answer rests on a checkpoint of that side's log cosigned by the receiving side \
            ("as of T, we held your log up to N") and carries every entry below it, so that \
            "none" is as provable as "these". Anyone can check the file offline with \
            `hotline verify answer.json`. Officials ask about their own lines.
            """)
    @OptionGroup var options: OfficialOptions
    @Option(help: "The side whose log is asked about.") var sender: String
    @Option(help: "An entry kind: message, formal-note, proposal, reply, meeting-request, ...") var kind: String?
    @Option(help: "The line.") var line: String?
    @Option(help: "The track.") var track: String?
    @Option(help: "Proposals with exactly this many stages.") var stages: Int?
    @Option(help: "Entries whose subject contains this text (ignoring case).") var subject: String?
    @Option(help: "Signed at or after this time (RFC 3339, UTC).") var from: String?
    @Option(help: "Signed before this time (RFC 3339, UTC).") var until: String?
    @Option(help: "As of this time (RFC 3339, UTC); default now.") var asOf: String?
    @Option(help: "Write the answer with its proof to this file.") var out: String?

    func run() async throws {
        try await running {
            func time(_ text: String?, _ name: String) throws -> UInt64? {
                guard let text else { return nil }
                guard let milliseconds = UTCTime.milliseconds(text) else { throw ValidationError("--\(name) is a UTC time like 2017-09-20T14:00:00Z") }
                return milliseconds
            }
            var kindValue: EntryKind?
            if let kind {
                guard let parsed = EntryKind(token: kind) else { throw ValidationError("--kind is one of \(EntryKind.allCases.map(\.token).joined(separator: ", "))") }
                kindValue = parsed
            }
            let question = RecordQuestion(sender: try SideID(sender), kind: kindValue, line: try line.map { try LineID($0) },
                                          track: try track.map { try TrackID($0) }, signedFrom: try time(from, "from"),
                                          signedUntil: try time(until, "until"), stages: stages, subject: subject)
            let answer = try await options.session().client.answer(question, asOf: try time(asOf, "as-of").map { $0 / 1000 })
            let verified = try answer.verify()
            if let out { try Data(answer.json).write(to: URL(fileURLWithPath: out), options: .withoutOverwriting) }
            if options.json {
                try printJSON(["sentence": verified.sentence, "matches": verified.matches.map { "\($0.header.sender)#\($0.sequence)" }.joined(separator: " "), "file": out ?? ""])
            } else {
                print((verified.matches.isEmpty ? "No. " : "Yes. ") + verified.sentence)
                if let out { print("The answer and its proof are in \(out); check it anywhere with `hotline verify \(out)`.") }
            }
        }
    }
}

struct RecordExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an entry's evidence bundle: proof it was sent and received.",
        discussion: "With --disclose the bundle carries the plaintext, which the verifier checks against the signed commitment.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The entry, SIDE#NUMBER.") var entry: EntryName
    @Option(help: "The bundle file to write.") var out: String
    @Flag(help: "Include the entry's plaintext.") var disclose = false

    func run() async throws {
        try await running {
            let bundle = try await options.session().client.bundle(entry.pointer, disclose: disclose)
            let verified = try bundle.verify()
            try Data(bundle.json).write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
            print(verified.sentence)
            print("Written to \(out); check it anywhere with `hotline verify \(out)`.")
        }
    }
}
