import ArgumentParser
import Foundation
import HotlineClient

/// Operators' browser keys for the web console: the node's own business, not entries on the
/// record. Each command talks to the running node, signed with the operator key.
struct ConsoleKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-key",
        abstract: "Let an operator's browser key use the web console as this node's operator.",
        discussion: """
            The console makes a key in the operator's browser and shows its public key at sign-in. \
            Added here, that key signs the console's requests as this node's operator: link health, \
            the operators' line, the audit of reads, alarms. It holds no role and signs no entry: \
            grants, charters and the rest stay with this command line and the operator key.
            """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a browser key (its public key, as the console shows it).")
        @OptionGroup var data: DataOption
        @Option(name: .customLong("public-key"), help: "The browser key's public key (base64, from the console's sign-in page).") var publicKey: String
        @Option(help: "Who uses it, e.g. \"Duty operator, night shift\".") var name: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            try await running {
                let added = try await data.client().addConsoleKey(publicKey: publicKey, name: name)
                if json { return try printJSON(added) }
                print("Console key \(added.keyID.prefix(16))… (\(added.name)) signs in as this node's operator. Remove it with: hotline console-key remove \(added.keyID)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the console keys.")
        @OptionGroup var data: DataOption
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            try await running {
                let keys = try await data.client().consoleKeys()
                if json { return try printJSON(keys) }
                for key in keys { print("\(key.keyID)  \(key.name)  since \(key.addedAt)") }
                if keys.isEmpty { print("No console keys: see `hotline console-key add --help`.") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a console key: its next request is refused.")
        @OptionGroup var data: DataOption
        @Argument(help: "The key ID (64 hex digits, from `hotline console-key list`).") var keyID: String

        func run() async throws {
            try await running {
                try await data.client().removeConsoleKey(keyID: keyID)
                print("Console key \(keyID.prefix(16))… removed.")
            }
        }
    }
}
