import ArgumentParser
import Foundation
import HotlineRecord

/// `hotline verify FILE`: offline verification of an evidence bundle or a record answer.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence bundle or a record answer offline and say what it proves.",
        discussion: """
            An evidence bundle (hotline record export) proves one entry was sent and received. \
            A record answer (hotline record ask) proves what a side had officially sent as of a \
            cosigned checkpoint, including that nothing matching was sent. For an answer, every \
            entry below the checkpoint and the disclosed plaintexts are checked against the \
            question. For a bundle, it checks the entry's encoding and its author's signature, the sender's checkpoint \
            signatures (Ed25519 and ML-DSA-65), the recipient's cosignatures (the receipt), the \
            inclusion proof, and the disclosed plaintext if there is one. No node or network is \
            needed. Compare the printed fingerprints with the ones the two sides exchanged at \
            pairing: the bundle carries its own keys.

            With --trust SIDE=FINGERPRINT (as many as needed), the bundle's keys for that side \
            must have exactly that fingerprint.

            Prints one sentence and exits 0 if everything verifies; otherwise prints one line \
            saying what failed and exits 1.
            """
    )

    @Option(name: .customLong("trust"), help: ArgumentHelp(
        "A side's fingerprint from pairing, e.g. --trust 'ru=80265 63868 21583 98804 91698 23222'.",
        valueName: "side=fingerprint"))
    var trusted: [String] = []

    @Argument(help: "The evidence bundle or record answer (a .json file).")
    var bundle: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        if let bytes = try? Self.read(bundle), case let .object(fields)? = try? JSONValue.parse(bytes),
           fields["format"] == .string(RecordAnswer.format) {
            return try verifyAnswer(bytes)
        }
        let result: Result<VerifiedEvidence, BundleError>
        do {
            let bytes = try Self.read(bundle)
            let pins = try Self.parseTrusted(trusted)
            result = Result { () throws(BundleError) in
                let evidence = try EvidenceBundle(json: bytes).verify()
                try Self.check(evidence, against: pins)
                return evidence
            }
        } catch {
            result = .failure(error)
        }
        switch result {
        case let .success(evidence):
            if json {
                print(Self.json([
                    "verified": true, "sentence": evidence.sentence,
                    "log": evidence.origin.text, "index": evidence.entry.sequence,
                    "treeSize": evidence.checkpoint.checkpoint.size,
                    "receivedAsOf": evidence.checkpoint.cosignedAt.map { VerifiedEvidence.format(milliseconds: $0 * 1000) } as Any,
                    "fingerprints": [evidence.origin.sender.rawValue: evidence.senderFingerprint,
                                     evidence.origin.recipient.rawValue: evidence.recipientFingerprint],
                ]))
            } else {
                print(evidence.sentence)
                print("Keys: \(evidence.origin.sender) \(evidence.senderFingerprint); \(evidence.origin.recipient) \(evidence.recipientFingerprint). Compare them with the fingerprints exchanged at pairing.")
            }
        case let .failure(error):
            if json {
                print(Self.json(["verified": false, "reason": error.description]))
            } else {
                let reason = if case .unreadable = error { error.description } else { "\(bundle): \(error.description)" }
                FileHandle.standardError.write(Data("hotline verify: \(reason)\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    /// A record answer: prints its sentence, or why it does not verify.
    func verifyAnswer(_ bytes: [UInt8]) throws {
        do throws(BundleError) {
            let pins = try Self.parseTrusted(trusted)
            let answer = try RecordAnswer(json: bytes).verify()
            try Self.check(fingerprints: [answer.origin.sender.rawValue: answer.senderFingerprint,
                                          answer.origin.recipient.rawValue: answer.recipientFingerprint],
                           between: answer.origin, against: pins)
            if json {
                print(Self.json([
                    "verified": true, "sentence": answer.sentence, "log": answer.origin.text,
                    "treeSize": answer.checkpoint.checkpoint.size, "matches": answer.matches.map(\.sequence),
                    "receivedAsOf": answer.checkpoint.cosignedAt.map { VerifiedEvidence.format(milliseconds: $0 * 1000) } as Any,
                    "fingerprints": [answer.origin.sender.rawValue: answer.senderFingerprint, answer.origin.recipient.rawValue: answer.recipientFingerprint],
                ]))
            } else {
                print(answer.sentence)
                print("Keys: \(answer.origin.sender) \(answer.senderFingerprint); \(answer.origin.recipient) \(answer.recipientFingerprint). Compare them with the fingerprints exchanged at pairing.")
            }
        } catch {
            if json {
                print(Self.json(["verified": false, "reason": error.description]))
            } else {
                FileHandle.standardError.write(Data("hotline verify: \(bundle): \(error.description)\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    static func parseTrusted(_ values: [String]) throws(BundleError) -> [String: String] {
        var pins: [String: String] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            let digits = parts.count == 2 ? parts[1].filter(\.isNumber) : ""
            guard parts.count == 2, digits.count == 30 else {
                throw .mismatch("--trust \(value): expected SIDE=FINGERPRINT with the 30 digits read at pairing")
            }
            pins[parts[0]] = stride(from: 0, to: 30, by: 5).map { i in
                String(digits[digits.index(digits.startIndex, offsetBy: i)..<digits.index(digits.startIndex, offsetBy: i + 5)])
            }.joined(separator: " ")
        }
        return pins
    }

    static func check(_ evidence: VerifiedEvidence, against pins: [String: String]) throws(BundleError) {
        try check(fingerprints: [evidence.origin.sender.rawValue: evidence.senderFingerprint,
                                 evidence.origin.recipient.rawValue: evidence.recipientFingerprint],
                  between: evidence.origin, against: pins)
    }

    static func check(fingerprints actual: [String: String], between origin: LogOrigin, against pins: [String: String]) throws(BundleError) {
        for (side, fingerprint) in pins.sorted(by: { $0.key < $1.key }) {
            guard let found = actual[side] else {
                throw .mismatch("a fingerprint is trusted for \(side), but this file is between \(origin.sender) and \(origin.recipient)")
            }
            guard found == fingerprint else {
                throw .mismatch("the bundle's keys for \(side) have fingerprint \(found), not the trusted \(fingerprint)")
            }
        }
    }

    static func read(_ path: String) throws(BundleError) -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if let size = attributes[.size] as? Int, size > RecordAnswer.maxFileSize {
            throw .malformed("file is \(size) bytes; the limit is \(RecordAnswer.maxFileSize)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        return [UInt8](data)
    }

    static func json(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
