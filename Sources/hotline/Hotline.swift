import ArgumentParser

@main
struct Hotline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "A direct, secure line between two sides, with an official record both can prove.",
        discussion: """
            Exit codes: 0 success; 1 a check failed (a bundle does not verify, no receipt in \
            time); 3 the node refused (a rule of the record, a signature, a compartment); 4 the \
            node cannot be reached; 64 the command line is wrong.
            """,
        subcommands: [DemoCommand.self, VerifyCommand.self, BenchCommand.self],
        groupedSubcommands: [
            CommandGroup(name: "Operators", subcommands: [
                InitCommand.self, IdentityCommand.self, PairCommand.self, ServeCommand.self, StatusCommand.self, AlarmsCommand.self,
                GrantCommand.self, HandoverCommand.self, RevokeCommand.self, CharterCommand.self, AcceptCommand.self, RolesCommand.self,
                ConsoleKeyCommand.self,
            ]),
            CommandGroup(name: "Officials", subcommands: [
                KeyCommand.self, MeCommand.self, LinesCommand.self, InboxCommand.self, WatchCommand.self, ShowCommand.self,
                PendingCommand.self, SendCommand.self, NoteCommand.self, AckCommand.self, ProposeCommand.self, ReplyCommand.self,
                ProposalsCommand.self, TranslateCommand.self, MeetCommand.self, RecordCommand.self,
            ]),
        ]
    )
}
