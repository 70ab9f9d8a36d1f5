import ArgumentParser
import Foundation
import HotlineClient
import HotlineRecord

struct MeetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meet",
        abstract: "Meetings: request, confirm, write minutes, countersign, list.",
        discussion: """
            One side requests with options (time and place), a format such as 2+2, and an agenda \
            by track; the other confirms one option. Minutes or a joint statement written by one \
            side are final only once the other side countersigns them.
            """,
        subcommands: [MeetRequestCommand.self, MeetConfirmCommand.self, MeetMinutesCommand.self, MeetCountersignCommand.self, MeetListCommand.self])
}

struct MeetRequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request", abstract: "Request a meeting.")
    @OptionGroup var options: OfficialOptions
    @OptionGroup var write: WriteOptions
    @Option(help: "A subject.") var subject: String?
    @Option(help: "n+m, e.g. 2+2 (this side's officials first).") var format: String
    @Option(help: "An option, \"2017-09-20T14:00:00Z@Washington\" (repeat).") var option: [String]
    @Option(help: "An agenda item, \"track: item\" (repeat).") var agenda: [String] = []

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt(language: write.language, subject: subject)
            content.meeting = MeetingRequestBody(format: format, options: try option.map { text in
                let parts = text.split(separator: "@", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--option is TIME@PLACE, e.g. 2017-09-20T14:00:00Z@Washington") }
                return .init(start: String(parts[0]), place: String(parts[1]))
            }, agenda: try agenda.map { text in
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--agenda is \"track: item\"") }
                return .init(track: try TrackID(parts[0].trimmingCharacters(in: .whitespaces)), item: parts[1].trimmingCharacters(in: .whitespaces))
            })
            try await send(options, write, .meetingRequest, content: content)
        }
    }
}

struct MeetConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm one option of the other side's meeting request.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The request, SIDE#NUMBER.") var request: EntryName
    @Option(help: "The option, counted from 1.") var option: Int

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt()
            content.confirmation = MeetingConfirmationBody(option: option)
            try await answer(options, request, .meetingConfirmation, content: content, done: "confirmed option \(option)")
        }
    }
}

struct MeetMinutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Write the minutes or joint statement of a confirmed meeting.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The meeting request or its confirmation, SIDE#NUMBER.") var meeting: EntryName
    @Option(help: "Minutes, Joint statement, ...") var subject = "Minutes"
    @Option(help: "The language (BCP 47).") var language = "en"
    @Argument(help: "The text.") var text: [String]

    func run() async throws {
        try await running {
            try await answer(options, meeting, .minutes, content: .withRandomSalt(language: language, subject: subject, text: text.joined(separator: " ")),
                             done: "written; final once the other side countersigns")
        }
    }
}

struct MeetCountersignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "countersign", abstract: "Countersign the other side's minutes: they become final.")
    @OptionGroup var options: OfficialOptions
    @Argument(help: "The minutes, SIDE#NUMBER.") var minutes: EntryName

    func run() async throws {
        try await running {
            try await answer(options, minutes, .minutes, content: .withRandomSalt(), done: "countersigned: final")
        }
    }
}

struct MeetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A line's meetings.")
    @OptionGroup var options: OfficialOptions
    @Option(help: "The line.") var line: String

    func run() async throws {
        try await running {
            let meetings = try await options.session().client.meetings(line: line)
            if options.json { return try printJSON(meetings) }
            for meeting in meetings {
                let chosen = meeting.chosenOption.map { meeting.options[$0 - 1] }
                print("\(meeting.request)  \(meeting.format)  \(chosen.map { "confirmed: \($0.start) at \($0.place)" } ?? "awaiting confirmation")")
                for (index, option) in meeting.options.enumerated() { print("    option \(index + 1): \(option.start) at \(option.place)") }
                for item in meeting.agenda { print("    agenda [\(item.track)] \(item.item)") }
                for minutes in meeting.minutes { print("    minutes \(minutes.pointer): \(minutes.isFinal ? "final, countersigned \(minutes.countersignature!)" : "signed by one side; not final")") }
            }
            if meetings.isEmpty { print("No meetings on \(line).") }
        }
    }
}

/// Writes an entry about another one, on its line.
func answer(_ options: OfficialOptions, _ target: EntryName, _ kind: EntryKind, content: EntryContent, done: String) async throws {
    let session = try await options.session()
    let entry = try await session.client.entry(target.pointer)
    let pointer = try await session.send(.init(kind, line: entry.line, content: content, references: [entry.pointer], role: options.role), wait: 30)
    try report(pointer, json: options.json, done: "\(entry.pointer) \(done)")
}
