import Foundation
@testable import HotlineRecord

/// Deterministic keys and records for tests and golden vectors. The seeds are public: these
/// keys protect nothing.
enum Fixture {
    static func seed(_ label: String) -> [UInt8] { Hash.sha256(Array("hotline test seed \(label)".utf8)).bytes }

    static func sideKeys(_ side: String) throws -> SideKeys {
        try SideKeys(side: SideID(side), ed25519Seed: seed("\(side) ed25519"), mldsa65Seed: seed("\(side) ml-dsa-65"),
                     xwingSeed: seed("\(side) x-wing"))
    }

    static func sides() throws -> (SideKeys, SideKeys) { (try sideKeys("ru"), try sideKeys("us")) }

    static func author(_ role: String) throws -> AuthorKey { try AuthorKey(seed: seed("author \(role)")) }

    static func policy(sender: SideKeys, recipient: SideKeys) throws -> CheckpointPolicy {
        CheckpointPolicy(logKeys: try sender.publicKeys.logVerifierKeys(to: recipient.side),
                         cosignerKeys: try recipient.publicKeys.cosignerVerifierKeys())
    }
}

extension Fixture {
    /// A sealed, signed entry of ru's log to us.
    static func entry(
        sequence: UInt64 = 0, kind: EntryKind = .message, precedence: Precedence = .routine,
        role: String = "ru/mod/minister", line: String = "ru-us/mod", track: String? = "strategic-stability",
        time: UInt64 = 1_489_572_000_000, references: [EntryReference] = [], text: String = "Test message."
    ) throws -> (entry: Entry, content: SealedContent, plaintext: [UInt8]) {
        let (ru, us) = try sides()
        let author = try self.author(role)
        let plaintext = EntryContent(salt: seed("salt \(sequence) \(text)"), language: "en", subject: "Test", text: text).plaintext
        let content = try SealedContent.seal(plaintext, for: [us.publicKeys, ru.publicKeys])
        let header = EntryHeader(
            sender: ru.side, recipient: us.side, line: try LineID(line), track: try track.map { try TrackID($0) },
            kind: kind, precedence: precedence, timeMilliseconds: time, authorRole: try RoleName(role),
            authorKeyID: author.publicKey.keyID, references: references,
            commitment: EntryContent.commitment(to: plaintext), contentHash: content.hash,
            contentLength: UInt32(content.encoded.count))
        return (Entry(sequence: sequence, header: header, authorSignature: try author.sign(header)), content, plaintext)
    }
}
