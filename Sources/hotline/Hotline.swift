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
        subcommands: [
            DemoCommand.self,
            // Operators
            InitCommand.self, IdentityCommand.self, PairCommand.self, ServeCommand.self, StatusCommand.self, AlarmsCommand.self,
            GrantCommand.self, HandoverCommand.self, RevokeCommand.self, CharterCommand.self, AcceptCommand.self, RolesCommand.self,
            // Officials
            KeyCommand.self, MeCommand.self, LinesCommand.self, InboxCommand.self, ShowCommand.self, PendingCommand.self,
            SendCommand.self, NoteCommand.self, AckCommand.self, ProposeCommand.self, ReplyCommand.self, TranslateCommand.self,
            ProposalsCommand.self, WatchCommand.self, MeetCommand.self, RecordCommand.self, VerifyCommand.self,
            BenchCommand.self,
        ]
    )
}
