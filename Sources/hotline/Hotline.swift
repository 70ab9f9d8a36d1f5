import ArgumentParser

@main
struct Hotline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "A direct, secure line between two sides, with an official record both can prove.",
        discussion: """
            Exit codes: 0 success; 1 the check failed (e.g. a bundle does not verify); \
            64 the command line is wrong.
            """,
        subcommands: [InitCommand.self, IdentityCommand.self, PairCommand.self, ServeCommand.self, SendCommand.self,
                      StatusCommand.self, AlarmsCommand.self, VerifyCommand.self, DemoCommand.self, BenchCommand.self]
    )
}
