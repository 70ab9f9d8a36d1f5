import ArgumentParser
import Foundation
import HotlineKeystore
import HotlineRecord

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "An official's personal signing key, in a passphrase-protected file.",
        subcommands: [KeyNewCommand.self, KeyShowCommand.self])
}

struct KeyNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a personal Ed25519 key in a new keystore file.",
        discussion: """
            The key never leaves the file unencrypted: it is sealed with AES-256-GCM under a key \
            derived from your passphrase with scrypt (128 MiB, about a third of a second). Give \
            the printed public key to your side's operator, who grants it your role \
            (hotline grant). The passphrase (at least 12 characters) is asked for twice, or \
            taken from $HOTLINE_PASSPHRASE.
            """)

    @Option(help: "Where to write the keystore (refuses an existing file).") var out: String
    @Option(help: "Your name as the other side should read it.") var holder: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            let passphrase: String
            if let given = ProcessInfo.processInfo.environment["HOTLINE_PASSPHRASE"] {
                passphrase = given
            } else {
                passphrase = try readPassphrase("New passphrase (at least 12 characters): ")
                guard try readPassphrase("Again: ") == passphrase else { throw ValidationError("the two passphrases differ; nothing written") }
            }
            let (keystore, privateKey) = try OfficialKeystore.create(holder: holder, passphrase: passphrase)
            try keystore.write(to: out)
            let key = try AuthorKey(seed: [UInt8](privateKey.rawRepresentation)).publicKey
            try printKey(key, holder: holder, path: out, json: json)
        }
    }
}

struct KeyShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a keystore's holder, public key and key ID (no passphrase needed).")

    @Argument(help: "The keystore file.") var file: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            let keystore = try OfficialKeystore.read(from: file)
            try printKey(try AuthorPublicKey(rawRepresentation: [UInt8](keystore.publicKey.rawRepresentation)), holder: keystore.holder, path: file, json: json)
        }
    }
}

private func printKey(_ key: AuthorPublicKey, holder: String, path: String, json: Bool) throws {
    if json {
        try printJSON(["holder": holder, "file": path, "publicKey": Base64.encode(key.rawRepresentation), "keyID": key.keyID.hex])
    } else {
        print("""
            Keystore \(path) for \(holder)
              public key  \(Base64.encode(key.rawRepresentation))
              key ID      \(key.keyID.hex)
            Your operator grants your role to this public key: hotline grant ROLE --holder "\(holder)" --public-key \(Base64.encode(key.rawRepresentation))
            """)
    }
}
