import Foundation
import Testing
@testable import HotlineRecord

/// Writes testdata/ from `GoldenRecord`. Run only on purpose:
///     HOTLINE_WRITE_GOLDEN=1 swift test --filter GoldenVectorWriter
/// then review and commit the changes. The other tests check the committed files.
@Suite struct GoldenVectorWriter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HOTLINE_WRITE_GOLDEN"] == "1"))
    func writeTestdata() throws {
        let record = try GoldenRecord()
        let root = testdataDirectory
        func write(_ path: String, _ bytes: [UInt8]) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        func json(_ object: Any) throws -> [UInt8] {
            [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
        }

        // Keys.
        for side in [record.ru, record.us] {
            let keys = side.publicKeys
            try write("keys/\(side.side).json", json([
                "side": side.side.rawValue,
                "warning": "TEST KEYS: the seeds are public. Never use them for anything real.",
                "ed25519Seed": Hex.encode(side.ed25519Seed), "mldsa65Seed": Hex.encode(side.mldsa65Seed), "xwingSeed": Hex.encode(side.xwingSeed),
                "ed25519PublicKey": Base64.encode(keys.ed25519), "mldsa65PublicKey": Base64.encode(keys.mldsa65), "xwingPublicKey": Base64.encode(keys.xwing),
                "contentKeyID": keys.contentKeyID.hex,
                "logVerifierKeys": try keys.logVerifierKeys(to: side.side == record.ru.side ? record.us.side : record.ru.side).map(\.vkey),
                "cosignerVerifierKeys": try keys.cosignerVerifierKeys().map(\.vkey),
                "fingerprint": keys.fingerprint,
            ]))
        }
        let roles = Set((GoldenRecord.ruItems + GoldenRecord.usItems).map(\.role)).sorted()
        try write("keys/authors.json", json(try roles.map { role in
            let key = try Fixture.author(role)
            return ["role": role, "ed25519Seed": Hex.encode(key.seed), "publicKey": Base64.encode(key.publicKey.rawRepresentation), "keyID": key.publicKey.keyID.hex]
        }))

        // Entries, trees, proofs and checkpoints of both logs.
        for (log, sender, recipient) in [(record.ruLog, record.ru, record.us), (record.usLog, record.us, record.ru)] {
            let name = "\(log.origin.sender)-\(log.origin.recipient)"
            try write("entries/\(name).json", json(log.entries.indices.map { i in [
                "sequence": i,
                "entry": Base64.encode(log.entries[i].encoded),
                "leafHash": log.entries[i].leafHash.hex,
                "sealedContent": Base64.encode(log.contents[i].encoded),
                "plaintext": Base64.encode(log.plaintexts[i]),
                "author": log.entries[i].header.authorRole.rawValue,
            ] }))
            let size = UInt64(log.entries.count)
            var inclusion: [[String: Any]] = []
            var consistency: [[String: Any]] = []
            for n in 1...size {
                for i in 0..<n {
                    inclusion.append(["index": i, "size": n, "proof": try InclusionProof.generate(index: i, size: n, from: log.tree).map(\.hex)])
                }
                for m in 1...n {
                    consistency.append(["oldSize": m, "newSize": n, "proof": try ConsistencyProof.generate(oldSize: m, newSize: n, from: log.tree).map(\.hex)])
                }
            }
            try write("proofs/\(name).json", json([
                "leafHashes": log.entries.map(\.leafHash.hex),
                "roots": try (0...size).map { try log.tree.rootHash(size: $0).hex },
                "inclusion": inclusion,
                "consistency": consistency,
            ]))
            let times: [(UInt64, UInt64)] = log.origin.sender == record.ru.side
                ? [(UInt64(8), GoldenRecord.ruCosignedAt8), (UInt64(13), GoldenRecord.ruCosignedAt13)] : [(UInt64(4), GoldenRecord.usCosignedAt4)]
            for (size, time) in times {
                let note = try record.cosignedCheckpoint(log, size: size, sender: sender, recipient: recipient, at: time)
                try write("checkpoints/\(name)-\(size).note", Array(note.serialized.utf8))
            }
        }

        // Bundles that verify.
        let ruNote = try SignedNote(parsing: String(contentsOf: root.appendingPathComponent("checkpoints/ru-us-13.note"), encoding: .utf8))
        let ruNote8 = try SignedNote(parsing: String(contentsOf: root.appendingPathComponent("checkpoints/ru-us-8.note"), encoding: .utf8))
        let usNote = try SignedNote(parsing: String(contentsOf: root.appendingPathComponent("checkpoints/us-ru-4.note"), encoding: .utf8))
        func bundle(_ log: GoldenRecord.Log, _ index: Int, _ note: SignedNote, disclose: Bool) throws -> EvidenceBundle {
            let entry = log.entries[index]
            let (sender, recipient) = log.origin.sender == record.ru.side ? (record.ru, record.us) : (record.us, record.ru)
            return try EvidenceBundle(entry: entry, cosignedCheckpoint: note, tree: log.tree, sender: sender.publicKeys,
                                      recipient: recipient.publicKeys, author: try Fixture.author(entry.header.authorRole.rawValue).publicKey,
                                      plaintext: disclose ? log.plaintexts[index] : nil)
        }
        let good: [(String, EvidenceBundle)] = [
            ("march-proposal-disclosed", try bundle(record.ruLog, 3, ruNote, disclose: true)),
            ("flash-notification", try bundle(record.ruLog, 5, ruNote, disclose: false)),
            ("first-entry-early-receipt", try bundle(record.ruLog, 0, ruNote8, disclose: false)),
            ("last-entry-translation-disclosed", try bundle(record.ruLog, 12, ruNote, disclose: true)),
            ("us-reply-to-stage-1", try bundle(record.usLog, 1, usNote, disclose: true)),
        ]
        var sentences: [String: String] = [:]
        for (name, bundle) in good {
            try write("bundles/\(name).json", bundle.json)
            sentences["\(name).json"] = try bundle.verify().sentence
        }
        try write("expected/bundle-sentences.json", json(sentences))

        // Broken copies: one defect each, with the phrase the failure must mention.
        let base = good[0].1
        let otherEntry = try bundle(record.usLog, 1, usNote, disclose: false)
        var broken: [(String, String, [UInt8])] = []
        func add(_ name: String, _ expect: String, _ change: (inout EvidenceBundle) throws -> Void) throws {
            var copy = base
            try change(&copy)
            broken.append((name, expect, copy.json))
        }
        try add("wrong-index", "index") { $0.index = 4 }
        try add("wrong-tree-size", "tree size") { $0.treeSize = 12 }
        try add("tampered-entry", "inclusion proof") { $0.entry[52] ^= 0x01 }  // the last byte of the time
        try add("forged-author-signature", "author's signature") {
            // A log whose entry 3 carries a signature its author never made, checkpointed and
            // cosigned as if it were sound: the tree is right, the author's signature is not.
            var forged = record.ruLog
            forged.entries[3].authorSignature[0] ^= 0x01
            forged.tree = MemoryTree()
            forged.entries.forEach { forged.tree.append($0.leafHash) }
            let note = try record.cosignedCheckpoint(forged, size: 13, sender: record.ru, recipient: record.us, at: GoldenRecord.ruCosignedAt13)
            $0 = try bundle(forged, 3, note, disclose: true)
        }
        try add("tampered-proof", "inclusion proof") { var b = $0.inclusionProof[1].bytes; b[0] ^= 0x80; $0.inclusionProof[1] = Hash(bytes: b)! }
        try add("short-proof", "inclusion proof") { $0.inclusionProof.removeLast() }
        try add("missing-cosignature", "missing the cosignature") {
            var note = try SignedNote(parsing: $0.checkpoint); note.signatures.remove(at: 3); $0.checkpoint = note.serialized
        }
        try add("cosignature-times-differ", "disagree on the time") {
            var note = try SignedNote(parsing: $0.checkpoint)
            note.signatures[2] = try record.us.cosign(try Checkpoint(note: note), timestamp: GoldenRecord.ruCosignedAt13 + 60)[0]
            $0.checkpoint = note.serialized
        }
        try add("forged-checkpoint-root", "does not verify") {
            var note = try SignedNote(parsing: $0.checkpoint)
            var checkpoint = try Checkpoint(note: note)
            checkpoint.rootHash = Hash.sha256([0])
            note.text = checkpoint.text
            $0.checkpoint = note.serialized
        }
        try add("cosigned-by-a-stranger", "does not verify") {
            // A third side's cosignatures presented under us's key names and key IDs.
            let fr = try Fixture.sideKeys("fr")
            var note = try SignedNote(parsing: $0.checkpoint)
            let forged = try fr.cosign(try Checkpoint(note: note), timestamp: GoldenRecord.ruCosignedAt13)
            note.signatures = Array(note.signatures.prefix(2)) + zip(forged, note.signatures.suffix(2)).map {
                NoteSignature(keyName: $1.keyName, keyID: $1.keyID, signature: $0.signature)
            }
            $0.checkpoint = note.serialized
        }
        try add("wrong-author-key", "author key") { $0.authorKey = try Fixture.author("ru/mod/minister").publicKey.rawRepresentation }
        try add("plaintext-mismatch", "commitment") {
            $0.plaintext = EntryContent(salt: Fixture.seed("salt hotline/ru/us 3"), language: "en", subject: "Steps on counterterrorism", text: "A different text.").plaintext
        }
        try add("plaintext-without-salt", "salt") { $0.plaintext = Array("{\"text\":\"no salt\"}".utf8) }
        try add("entry-of-another-log", "checkpoint is of log") { $0.entry = otherEntry.entry; $0.index = otherEntry.index; $0.authorKey = otherEntry.authorKey }
        try add("swapped-side-keys", "senderKeys") { swap(&$0.senderKeys, &$0.recipientKeys) }
        try add("trailing-byte-in-entry", "unexpected byte") { $0.entry.append(0) }
        var bad = base.json
        let key = Array("\"format\"".utf8)
        if let at = bad.firstRange(of: key) { bad.replaceSubrange(at, with: Array("\"extra\":1,\n  \"format\"".utf8)) }
        broken.append(("unknown-field", "unknown field", bad))
        var noncanonical = String(decoding: base.json, as: UTF8.self)
        let proofHash = base.inclusionProof[0].base64
        noncanonical = noncanonical.replacingOccurrences(of: proofHash, with: String(proofHash.dropLast()))
        broken.append(("noncanonical-base64", "base64", Array(noncanonical.utf8)))
        broken.append(("not-json", "not valid JSON", Array("hotline evidence?\n".utf8)))

        var expectations: [String: String] = [:]
        for (name, expect, bytes) in broken {
            try write("bundles/broken/\(name).json", bytes)
            expectations["\(name).json"] = expect
        }
        try write("expected/broken-bundle-failures.json", json(expectations))
    }
}
