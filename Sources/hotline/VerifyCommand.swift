import ArgumentParser
import Foundation
import HotlineRecord

/// `hotline verify BUNDLE`: offline verification of an evidence bundle.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence bundle offline and say what it proves.",
        discussion: """
            Checks the entry's encoding and its author's signature, the sender's checkpoint \
            signatures (Ed25519 and ML-DSA-65), the recipient's cosignatures (the receipt), the \
            inclusion proof, and the disclosed plaintext if there is one. No node or network is \
            needed. Compare the printed fingerprints with the ones the two sides exchanged at \
            pairing: the bundle carries its own keys.

            Prints one sentence and exits 0 if everything verifies; otherwise prints one line \
            saying what failed and exits 1.
            """
    )

    @Argument(help: "The evidence bundle (a .json file).")
    var bundle: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let result: Result<VerifiedEvidence, BundleError>
        do {
            let bytes = try Self.read(bundle)
            result = Result { () throws(BundleError) in try EvidenceBundle(json: bytes).verify() }
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

    static func read(_ path: String) throws(BundleError) -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if let size = attributes[.size] as? Int, size > EvidenceBundle.maxFileSize {
            throw .malformed("file is \(size) bytes; the limit is \(EvidenceBundle.maxFileSize)")
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
