import ArgumentParser
import Foundation
import HotlineClient
import HotlineRecord

/// The officials' commands. Each signs its request with the official's key (--key) and, when it
/// writes, composes, seals and signs the entry on this machine.

struct MeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "me", abstract: "Who your key is to this side's node: roles and lines.")
    @OptionGroup var options: OfficialOptions

    func run() async throws {
        try await running {
            let me = try await options.session().client.whoAmI()
            if options.json { return try printJSON(me) }
            print("Key \(me.keyID.prefix(16))… of \(me.side)\(me.isOperator ? " (the operator)" : "")")
            for role in me.roles { print("  \(role.role) — \(role.holder)") }
            print("Lines you read: \(me.lines.isEmpty ? "none" : me.lines.joined(separator: ", "))")
        }
    }
}

struct LinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lines", abstract: "The lines you are on (the operator sees all), open or awaiting acceptance.")
    @OptionGroup var options: OfficialOptions

    func run() async throws {
        try await running {
            let lines = try await options.session().client.lines()
            if options.json { return try printJSON(lines) }
            for line in lines {
                let roles = line.roles.keys.sorted().map { "\($0): \(line.roles[$0]!.joined(separator: ", "))" }.joined(separator: "; ")
                print("\(line.id)  \(Self.state(of: line))  \(line.format)  \(line.title)")
                if !roles.isEmpty { print("    roles \(roles)") }
                if !line.tracks.isEmpty { print("    tracks \(line.tracks.joined(separator: ", "))") }
            }
        }
    }
}

extension LinesCommand {
    /// "open", or whose acceptance the line awaits and which charter stands (of two that
    /// crossed, only one does: docs/PROTOCOL.md 13.3).
    static func state(of line: LineView) -> String {
        guard !line.isOpen else { return "open" }
        guard let charter = line.charter else { return "awaiting acceptance" }
        let acceptor = line.roles.keys.sorted().first { $0 != charter.side }
        return "awaiting acceptance\(acceptor.map { " by \($0)" } ?? "") of charter \(charter)"
    }
}

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbox", abstract: "A line's entries, both ways, oldest first, with receipts and acknowledgements.")
    @OptionGroup var options: OfficialOptions
    @Option(help: "The line.") var line: String

    func run() async throws {
        try await running {
            let entries = try await options.session().client.entries(line: line)
            if options.json { return try printJSON(entries) }
            for entry in entries { printEntry(entry) }
            if entries.isEmpty { print("No entries on \(line) yet.") }
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One entry, e.g. `hotline show ru#12`.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The entry, SIDE#NUMBER.") var entry: EntryName

    func run() async throws {
        try await running {
            let view = try await options.session().client.entry(entry.pointer)
            if options.json { return try printJSON(view) }
            printEntry(view, full: true)
        }
    }
}

struct PendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pending", abstract: "The other side's entries on your lines awaiting this side's acknowledgement.")
    @OptionGroup var options: OfficialOptions

    func run() async throws {
        try await running {
            let pending = try await options.session().client.pending()
            if options.json { return try printJSON(pending) }
            for item in pending {
                print("\(item.pointer)  \(item.precedence.uppercased())  \(item.kind) on \(item.line)  acknowledge by \(item.deadline)\(item.isOverdue ? "  OVERDUE, escalated to \(item.escalateTo.joined(separator: ", "))" : "")")
            }
            if pending.isEmpty { print("Nothing awaits acknowledgement.") }
        }
    }
}

/// What every writing command takes beside the content.
struct WriteOptions: ParsableArguments {
    @Option(help: "The line.") var line: String
    @Option(help: "The track.") var track: String?
    @Option(help: "routine, priority, immediate or flash.") var precedence = "routine"
    @Option(help: "The language of your text (BCP 47), e.g. en or ru.") var language = "en"
    @Option(help: "Wait up to this many seconds for the other side's receipt.") var wait: Double = 30

    var precedenceValue: Precedence {
        get throws {
            guard let value = Precedence.allCases.first(where: { $0.description == precedence }) else {
                throw ValidationError("precedence is routine, priority, immediate or flash")
            }
            return value
        }
    }
}

struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Send a formal note: a subject, numbered paragraphs, attachments.",
        discussion: "Attachments: at most 8, each at most 4 MiB.")
    @OptionGroup var options: OfficialOptions
    @OptionGroup var write: WriteOptions
    @Option(help: "The subject.") var subject: String
    @Option(help: "A paragraph (repeat, in order).") var paragraph: [String]
    @Option(help: "A file to attach (repeat).") var attach: [String] = []

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt(language: write.language, subject: subject)
            content.paragraphs = paragraph
            if !attach.isEmpty {
                content.attachments = try attach.map { path in
                    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                    return NoteAttachment(name: URL(fileURLWithPath: path).lastPathComponent, mediaType: "application/octet-stream", bytes: [UInt8](data))
                }
            }
            try await send(options, write, .formalNote, content: content)
        }
    }
}

struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an entry of the other side, in person.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The entry, SIDE#NUMBER.") var entry: EntryName

    func run() async throws {
        try await running {
            let session = try await options.session()
            let target = try await session.client.entry(entry.pointer)
            let pointer = try await session.send(.init(.acknowledgement, line: target.line, content: .withRandomSalt(), references: [target.pointer], role: options.role), wait: 30)
            try report(pointer, json: options.json, done: "acknowledged \(target.pointer)")
        }
    }
}

struct ProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Send a proposal in stages and steps; the other side replies per step.",
        discussion: """
            Each --stage is "Title: first step | second step | ...". Steps are numbered \
            stage.step from 1 (e.g. 2.1), which is how replies name them.
            """)
    @OptionGroup var options: OfficialOptions
    @OptionGroup var write: WriteOptions
    @Option(help: "The subject.") var subject: String
    @Option(help: "A stage: \"Title: step | step\" (repeat, in order).") var stage: [String]

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt(language: write.language, subject: subject)
            content.proposal = ProposalBody(stages: try stage.map { text in
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--stage is \"Title: step | step\", got \"\(text)\"") }
                return .init(title: parts[0].trimmingCharacters(in: .whitespaces),
                             steps: parts[1].split(separator: "|").map { .init(text: $0.trimmingCharacters(in: .whitespaces)) })
            })
            try await send(options, write, .proposal, content: content)
        }
    }
}

struct ReplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reply", abstract: "Answer one step of the other side's proposal: accept, counter or decline.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The proposal, SIDE#NUMBER.") var proposal: EntryName
    @Option(help: "The step, e.g. 2.1.") var step: String
    @Flag(help: "Accept the step.") var accept = false
    @Option(help: "Counter with this wording.") var counter: String?
    @Flag(help: "Decline the step.") var decline = false

    func validate() throws {
        guard [accept, counter != nil, decline].filter({ $0 }).count == 1 else { throw ValidationError("give exactly one of --accept, --counter TEXT, --decline") }
    }

    func run() async throws {
        try await running {
            let parts = step.split(separator: ".").compactMap { Int($0) }
            guard parts.count == 2 else { throw ValidationError("--step is stage.step, e.g. 2.1") }
            let session = try await options.session()
            let target = try await session.client.entry(proposal.pointer)
            var content = EntryContent.withRandomSalt()
            content.reply = ReplyBody(step: StepNumber(stage: parts[0], step: parts[1]), answer: accept ? .accept : counter != nil ? .counter : .decline, counterText: counter)
            let pointer = try await session.send(.init(.reply, line: target.line, content: content, references: [target.pointer], role: options.role), wait: 30)
            try report(pointer, json: options.json, done: "replied to step \(step) of \(target.pointer)")
        }
    }
}

struct TranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "translate", abstract: "Attach a translation to an entry; the original stays the official text.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The original, SIDE#NUMBER.") var entry: EntryName
    @Option(help: "The translation's language (BCP 47).") var language: String
    @Argument(help: "The translated text.") var text: [String]

    func run() async throws {
        try await running {
            let session = try await options.session()
            let target = try await session.client.entry(entry.pointer)
            let pointer = try await session.send(.init(.translation, line: target.line, content: .withRandomSalt(language: language, text: text.joined(separator: " ")),
                                                       references: [target.pointer], role: options.role), wait: 30)
            try report(pointer, json: options.json, done: "translation of \(target.pointer) attached")
        }
    }
}

struct ProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proposals", abstract: "A line's proposals, each step with its state.")
    @OptionGroup var options: OfficialOptions
    @Option(help: "The line.") var line: String

    func run() async throws {
        try await running {
            let proposals = try await options.session().client.proposals(line: line)
            if options.json { return try printJSON(proposals) }
            for proposal in proposals {
                print("\(proposal.pointer)  \(proposal.subject ?? "(no subject)")  — \(proposal.state)")
                for (index, stage) in proposal.stages.enumerated() {
                    print("  Stage \(index + 1): \(stage.title)")
                    for step in stage.steps {
                        print("    \(step.number)  [\(step.state)]  \(step.text)\(step.counterText.map { "  — counter: \($0)" } ?? "")")
                    }
                }
            }
            if proposals.isEmpty { print("No proposals on \(line).") }
        }
    }
}

/// Sends an item with the common options.
func send(_ options: OfficialOptions, _ write: WriteOptions, _ kind: EntryKind, content: EntryContent, references: [EntryPointer] = []) async throws {
    let session = try await options.session()
    let pointer = try await session.send(.init(kind, line: write.line, track: write.track, precedence: try write.precedenceValue,
                                               content: content, references: references, role: options.role), wait: write.wait)
    let entry = try await session.client.entry(pointer)
    if options.json { return try printJSON(entry) }
    print("\(pointer): \(kind) on \(write.line) \(entry.received ? "received by the other side at \(entry.receivedAt ?? "?")" : "sent; delivery under way").")
}

func printEntry(_ entry: EntryView, full: Bool = false) {
    let author = entry.authorName.map { "\($0), \(entry.authorRole)" } ?? entry.authorRole
    var status = entry.received ? "received \(entry.receivedAt ?? "")" : "not yet received"
    if !entry.acknowledgements.isEmpty { status += "; acknowledged (\(entry.acknowledgements.map(\.description).joined(separator: ", ")))" }
    else if let deadline = entry.acknowledgeBy { status += "; acknowledge by \(deadline)" }
    print("\(entry.pointer)  \(entry.signedAt)  \(entry.precedence.uppercased())  \(entry.kind)\(entry.track.map { " [\($0)]" } ?? "")  — \(author)")
    if let subject = entry.content.subject { print("    \(subject)") }
    if let text = entry.content.text { print("    \(full ? text : String(text.prefix(200)))") }
    for (index, paragraph) in (entry.content.paragraphs ?? []).enumerated() { print("    \(index + 1). \(full ? paragraph : String(paragraph.prefix(200)))") }
    if let references = Optional(entry.references), !references.isEmpty { print("    refers to \(references.map(\.description).joined(separator: ", "))") }
    if !entry.translations.isEmpty { print("    translations: \(entry.translations.map(\.description).joined(separator: ", "))") }
    print("    \(status)")
}

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a line live: each new entry as it is stored (Ctrl-C to stop).",
        discussion: "Reads the node's server-sent events (GET /api/v1/events). With --json, one EntryView per line.")
    @OptionGroup var options: OfficialOptions
    @Option(help: "The line.") var line: String

    func run() async throws {
        try await running {
            let session = try await options.session()
            if !options.json { print("Following \(line); new entries appear below.") }
            for try await entry in session.client.events(line: line) {
                if options.json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(entry), as: UTF8.self))
                } else {
                    printEntry(entry)
                }
            }
        }
    }
}
