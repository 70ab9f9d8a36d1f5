import ArgumentParser
import Foundation
import HotlineClient
import HotlineKeystore
import HotlineRecord

/// The operator's commands: roles and lines. Each writes one entry on the record, signed with
/// the operator key from the data directory, and waits for the other side's receipt.

struct GrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a role of this side to an official's key.",
        discussion: """
            Writes a role grant on the line `operators`: from this entry on, the key signs for the \
            role, and the other side's node accepts its entries. Give the key as the keystore file \
            (hotline key new) or as the public key it printed. To change holders, use \
            `hotline handover`; to stop a key, `hotline revoke`.
            """)

    @OptionGroup var data: DataOption
    @Argument(help: "The role, e.g. ru/mfa/minister.") var role: String
    @Option(help: "The holder's name as the other side should read it.") var holder: String
    @Option(name: .customLong("public-key"), help: "The holder's public key (base64).") var publicKey: String?
    @Option(name: .customLong("keystore"), help: "Or the holder's keystore file (only its public part is read).") var keystore: String?
    @Option(help: "The role an unacknowledged entry escalates to.") var deputy: String?
    @Option(help: "When the key stops signing for the role (RFC 3339 UTC, e.g. 2027-01-01T00:00:00Z).") var expires: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt()
            content.grant = RoleGrantBody(role: try RoleName(role), holder: holder, key: try holderKey(publicKey, keystore),
                                          deputy: try deputy.map { try RoleName($0) }, expires: expires)
            try await write(data, .roleGrant, line: "operators", content: content, json: json, done: "\(role) granted to \(holder)")
        }
    }
}

struct HandoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Hand a role over to a new holder; the history stays with the old one.",
        discussion: "The old holder's key stops signing for the role at this entry; the line goes on.")

    @OptionGroup var data: DataOption
    @Argument(help: "The role, e.g. ru/embassy/ambassador.") var role: String
    @Option(help: "The new holder's name.") var holder: String
    @Option(name: .customLong("public-key"), help: "The new holder's public key (base64).") var publicKey: String?
    @Option(name: .customLong("keystore"), help: "Or the new holder's keystore file.") var keystore: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            var content = EntryContent.withRandomSalt()
            content.handover = RoleHandoverBody(role: try RoleName(role), holder: holder, key: try holderKey(publicKey, keystore))
            try await write(data, .roleHandover, line: "operators", content: content, json: json, done: "\(role) handed over to \(holder)")
        }
    }
}

struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an official's key: it signs nothing more, and its roles fall vacant.")

    @OptionGroup var data: DataOption
    @Argument(help: "The key ID (64 hex digits, from `hotline key show` or `hotline roles`).") var keyID: String
    @Option(help: "Why, for the record.") var reason: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            guard let bytes = Hex.decode(keyID), let hash = Hash(bytes: bytes) else { throw ValidationError("a key ID is 64 hex digits") }
            var content = EntryContent.withRandomSalt()
            content.revocation = KeyRevocationBody(keyID: hash, reason: reason)
            try await write(data, .keyRevocation, line: "operators", content: content, json: json, done: "key \(keyID.prefix(16))… revoked")
        }
    }
}

struct CharterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charter",
        abstract: "Propose a line: its roles on both sides and its tracks.",
        discussion: """
            The line opens once the other side's operator accepts it (hotline accept LINE). The \
            format (n+m) is counted from the roles: this side's first.
            Example: hotline charter ru-us/sc-nsc --title "Security councils" \\
              --role ru/sc/secretary --role us/nsc/advisor --track counterterrorism --track cyber-threats
            """)

    @OptionGroup var data: DataOption
    @Argument(help: "The line's name, e.g. ru-us/mod.") var line: String
    @Option(help: "The line's title.") var title: String
    @Option(help: "A role on the line, of either side (repeat).") var role: [String]
    @Option(help: "A track of the line (repeat).") var track: [String]
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            let session = try await OfficialSession.open(try data.client())
            let roles = try role.map { try RoleName($0) }
            let grouped = Dictionary(grouping: roles, by: \.side)
            guard grouped.count == 2, let ours = grouped[session.ourSide], let other = grouped.first(where: { $0.key != session.ourSide }) else {
                throw ValidationError("name the roles of both sides with --role, e.g. --role \(session.ourSide)/mfa/minister --role <other side>/...")
            }
            var content = EntryContent.withRandomSalt()
            content.charter = LineCharterBody(title: title, format: "\(ours.count)+\(other.value.count)", roles: grouped, tracks: try track.map { try TrackID($0) })
            let pointer = try await session.send(.init(.lineCharter, line: line, content: content, recipient: other.key.rawValue), wait: 30)
            try report(pointer, json: json, done: "line \(line) proposed to \(other.key); it opens when \(other.key) accepts it")
        }
    }
}

struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept the other side's charter of a line; the line opens.")

    @OptionGroup var data: DataOption
    @Argument(help: "The line's name.") var line: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        try await running {
            let session = try await OfficialSession.open(try data.client())
            guard let view = try await session.client.lines().first(where: { $0.id == line }) else {
                throw ValidationError("there is no line \(line); `hotline lines` lists them")
            }
            guard !view.isOpen, let charter = view.charter else { throw ValidationError("line \(line) is already open") }
            guard charter.side != session.ourSide.rawValue else { throw ValidationError("line \(line) is our own proposal; the other side accepts it") }
            let pointer = try await session.send(.init(.lineAcceptance, line: line, content: .withRandomSalt(), references: [charter], recipient: charter.side), wait: 30)
            try report(pointer, json: json, done: "line \(line) accepted: it is open")
        }
    }
}

struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Who holds each role of both sides, as the record shows it.")

    @OptionGroup var options: OfficialOptions

    func run() async throws {
        try await running {
            let roles = try await options.session().client.roles()
            if options.json { return try printJSON(roles) }
            for role in roles {
                print("\(role.role.padding(toLength: 32, withPad: " ", startingAt: 0)) \(role.holder)  key \(role.keyID.prefix(16))…  since \(role.since)\(role.deputy.map { "  deputy \($0)" } ?? "")")
            }
            if roles.isEmpty { print("No roles granted yet: see `hotline grant --help`.") }
        }
    }
}

/// The public key given as base64 or read from a keystore's public part.
func holderKey(_ publicKey: String?, _ keystore: String?) throws -> AuthorPublicKey {
    switch (publicKey, keystore) {
    case let (text?, nil):
        guard let bytes = Base64.decodeCanonical(text) else { throw ValidationError("--public-key is canonical base64 of 32 bytes") }
        return try AuthorPublicKey(rawRepresentation: bytes)
    case let (nil, path?):
        return try AuthorPublicKey(rawRepresentation: [UInt8](try OfficialKeystore.read(from: path).publicKey.rawRepresentation))
    default:
        throw ValidationError("give the holder's key: --public-key BASE64 or --keystore FILE")
    }
}

/// Writes one operator's entry and reports it.
func write(_ data: DataOption, _ kind: EntryKind, line: String, content: EntryContent, json: Bool, done: String) async throws {
    let session = try await OfficialSession.open(try data.client())
    let pointer = try await session.send(.init(kind, line: line, content: content), wait: 30)
    try report(pointer, json: json, done: done)
}

func report(_ pointer: EntryPointer, json: Bool, done: String) throws {
    if json { try printJSON(pointer) } else { print("\(pointer): \(done).") }
}
