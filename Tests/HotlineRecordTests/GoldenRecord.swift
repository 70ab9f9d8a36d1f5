import Foundation
@testable import HotlineRecord

/// The record behind the golden vectors in testdata/: ru's log to us (13 entries) and us's log
/// to ru (4 entries), from the working contacts of March 2017. Entries, keys, trees and Ed25519
/// signatures are deterministic; HPKE encapsulations and ML-DSA signatures are randomized, so
/// the vectors are written once and committed, and the tests check them rather than
/// regenerate them.
struct GoldenRecord {
    struct Item {
        var role: String
        var line: String
        var track: String?
        var kind: EntryKind
        var precedence: Precedence
        var minutes: UInt64
        var subject: String
        var text: String
        var references: [(side: String, sequence: UInt64)] = []
    }

    static let base: UInt64 = 1_489_568_400_000   // 2017-03-15T09:00:00Z

    static let ruItems: [Item] = [
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", kind: .message, precedence: .routine, minutes: 0,
             subject: "Working contacts", text: "We propose to resume direct working contacts at several levels."),
        Item(role: "ru/mod/minister", line: "ru-us/mod", kind: .message, precedence: .priority, minutes: 5,
             subject: "Defence ministers' line", text: "We propose a standing line between the defence ministers."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", track: "counterterrorism", kind: .formalNote, precedence: .routine, minutes: 30,
             subject: "Proposed steps", text: "1. The Russian side hands over a written document of proposed steps."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", track: "counterterrorism", kind: .proposal, precedence: .immediate, minutes: 31,
             subject: "Steps on counterterrorism", text: "Stage 1: exchange of information. Stage 2: joint assessment. Stage 3: coordinated action.",
             references: [("ru", 2)]),
        Item(role: "ru/sc/secretary", line: "ru-us/security-councils", track: "cyber-threats", kind: .meetingRequest, precedence: .priority, minutes: 60,
             subject: "Security councils", text: "Consultations on cyber threats and strategic stability."),
        Item(role: "ru/mod/minister", line: "ru-us/mod", kind: .message, precedence: .flash, minutes: 90,
             subject: "Notification", text: "Notification of a scheduled exercise."),
        Item(role: "ru/fsb/director", line: "ru-us/services", track: "international-terrorism", kind: .message, precedence: .priority, minutes: 120,
             subject: "International terrorism", text: "We propose a channel between the services on international terrorism."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", kind: .meetingRequest, precedence: .routine, minutes: 180,
             subject: "2+2 meeting", text: "We propose a 2+2 meeting of foreign and defence ministers."),
        Item(role: "ru/embassy/ambassador", line: "ru-us/mfa", kind: .acknowledgement, precedence: .routine, minutes: 200,
             subject: "Received", text: "Received with thanks.", references: [("us", 0)]),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", track: "drug-trafficking", kind: .message, precedence: .routine, minutes: 240,
             subject: "Drug trafficking", text: "We are ready to coordinate on drug trafficking."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", track: "non-proliferation", kind: .message, precedence: .routine, minutes: 241,
             subject: "Non-proliferation", text: "And on the non-proliferation of weapons of mass destruction."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", track: "cybercrime", kind: .message, precedence: .routine, minutes: 242,
             subject: "Cybercrime", text: "And on cybercrime."),
        Item(role: "ru/mfa/minister", line: "ru-us/mfa", kind: .translation, precedence: .routine, minutes: 300,
             subject: "Перевод", text: "Предлагаем возобновить прямые рабочие контакты.", references: [("ru", 0)]),
    ]

    static let usItems: [Item] = [
        Item(role: "us/mfa/secretary", line: "ru-us/mfa", kind: .message, precedence: .routine, minutes: 150,
             subject: "Working contacts", text: "We have received your proposal and are studying it."),
        Item(role: "us/mfa/secretary", line: "ru-us/mfa", track: "counterterrorism", kind: .reply, precedence: .priority, minutes: 400,
             subject: "Reply to stage 1", text: "Stage 1: accepted.", references: [("ru", 3)]),
        Item(role: "us/nsc/advisor", line: "ru-us/security-councils", track: "cyber-threats", kind: .meetingConfirmation, precedence: .routine, minutes: 410,
             subject: "Security councils", text: "Confirmed for the first date proposed.", references: [("ru", 4)]),
        Item(role: "us/mod/secretary", line: "ru-us/mod", kind: .acknowledgement, precedence: .flash, minutes: 91,
             subject: "Acknowledged", text: "Notification acknowledged.", references: [("ru", 5)]),
    ]

    /// The cosignature times: us cosigned ru's log at 8 and 13 entries; ru cosigned us's at 4.
    static let ruCosignedAt8: UInt64 = 1_489_581_000    // 2017-03-15T12:30:00Z
    static let ruCosignedAt13: UInt64 = 1_489_587_000   // 2017-03-15T14:10:00Z
    static let usCosignedAt4: UInt64 = 1_489_593_600    // 2017-03-15T16:00:00Z

    struct Log {
        var origin: LogOrigin
        var entries: [Entry] = []
        var contents: [SealedContent] = []
        var plaintexts: [[UInt8]] = []
        var tree = MemoryTree()
    }

    let ru: SideKeys
    let us: SideKeys
    var ruLog: Log
    var usLog: Log

    init() throws {
        (ru, us) = try Fixture.sides()
        ruLog = Log(origin: LogOrigin(sender: ru.side, recipient: us.side))
        usLog = Log(origin: LogOrigin(sender: us.side, recipient: ru.side))
        // Append in time order across both logs, so that every reference points to an entry
        // that already exists.
        var ruNext = 0, usNext = 0
        while ruNext < Self.ruItems.count || usNext < Self.usItems.count {
            let ruFirst = usNext == Self.usItems.count
                || (ruNext < Self.ruItems.count && Self.ruItems[ruNext].minutes <= Self.usItems[usNext].minutes)
            if ruFirst {
                try append(Self.ruItems[ruNext], toRu: true)
                ruNext += 1
            } else {
                try append(Self.usItems[usNext], toRu: false)
                usNext += 1
            }
        }
    }

    private mutating func append(_ item: Item, toRu: Bool) throws {
        var log = toRu ? ruLog : usLog
        let (sender, recipient) = toRu ? (ru, us) : (us, ru)
        do {
            let sequence = UInt64(log.entries.count)
            let author = try Fixture.author(item.role)
            let plaintext = EntryContent(salt: Fixture.seed("salt \(log.origin) \(sequence)"), language: item.role.hasPrefix("ru") && item.kind == .translation ? "ru" : "en",
                                         subject: item.subject, text: item.text).plaintext
            let content = try SealedContent.seal(plaintext, for: [recipient.publicKeys, sender.publicKeys])
            let references = try item.references.map { reference -> EntryReference in
                let target = reference.side == log.origin.sender.rawValue ? log : (toRu ? usLog : ruLog)
                return EntryReference(side: try SideID(reference.side), sequence: reference.sequence,
                                      leafHash: target.entries[Int(reference.sequence)].leafHash)
            }
            let header = EntryHeader(
                sender: sender.side, recipient: recipient.side, line: try LineID(item.line), track: try item.track.map { try TrackID($0) },
                kind: item.kind, precedence: item.precedence, timeMilliseconds: Self.base + item.minutes * 60_000,
                authorRole: try RoleName(item.role), authorKeyID: author.publicKey.keyID, references: references,
                commitment: EntryContent.commitment(to: plaintext), contentHash: content.hash,
                contentLength: UInt32(content.encoded.count))
            let entry = Entry(sequence: sequence, header: header, authorSignature: try author.sign(header))
            log.entries.append(entry)
            log.contents.append(content)
            log.plaintexts.append(plaintext)
            log.tree.append(entry.leafHash)
        }
        if toRu { ruLog = log } else { usLog = log }
    }

    func cosignedCheckpoint(_ log: Log, size: UInt64, sender: SideKeys, recipient: SideKeys, at time: UInt64) throws -> SignedNote {
        let checkpoint = Checkpoint(origin: log.origin.text, size: size, rootHash: try log.tree.rootHash(size: size))
        var note = try sender.signCheckpoint(checkpoint)
        note.signatures += try recipient.cosign(checkpoint, timestamp: time)
        return note
    }
}
