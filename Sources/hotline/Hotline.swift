import ArgumentParser

@main
struct Hotline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "A direct, secure line between two sides, with an official record both can prove.",
        discussion: """
            Exit codes: 0 success; 1 the check failed (e.g. a bundle does not verify); \
            64 the command line is wrong.
            """,
        subcommands: [VerifyCommand.self]
    )
}
