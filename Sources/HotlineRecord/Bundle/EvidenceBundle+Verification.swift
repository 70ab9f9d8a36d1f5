import Foundation

extension EvidenceBundle {
    /// Checks everything the bundle claims, offline: the entry's encoding and author signature,
    /// the sender's checkpoint signatures, the recipient's cosignatures, the inclusion proof, and
    /// the disclosed plaintext against the signed commitment.
    public func verify() throws(BundleError) -> VerifiedEvidence {
        let entry: Entry
        do { entry = try Entry(encoded: self.entry) } catch { throw .entry(error) }
        let header = entry.header
        guard entry.sequence == index else {
            throw .mismatch("the bundle says index \(index) but the entry is number \(entry.sequence) of its log")
        }

        let receipt = try CosignedCheckpoint(checkpoint: checkpoint, senderKeys: senderKeys, recipientKeys: recipientKeys)
        let (origin, verified) = (receipt.origin, receipt.verified)
        guard origin.sender == header.sender, origin.recipient == header.recipient else {
            throw .mismatch("the checkpoint is of log \(origin), but the entry was sent by \(header.sender) to \(header.recipient)")
        }
        guard verified.checkpoint.size == treeSize else {
            throw .mismatch("the bundle says tree size \(treeSize) but the checkpoint is of size \(verified.checkpoint.size)")
        }
        do {
            try InclusionProof.verify(leafHash: entry.leafHash, index: index, size: treeSize,
                                      proof: inclusionProof, rootHash: verified.checkpoint.rootHash)
        } catch { throw .proof(error) }

        do {
            let author = try AuthorPublicKey(rawRepresentation: authorKey)
            try entry.verifyAuthorSignature(author)
        } catch let error as EntryError {
            throw .entry(error)
        } catch {
            throw .malformed("authorKey is not an Ed25519 public key")
        }

        if let plaintext {
            do { _ = try EntryContent.salt(of: plaintext) } catch { throw .entry(error) }
            guard EntryContent.commitment(to: plaintext) == header.commitment else {
                throw .entry(.commitmentMismatch)
            }
        }
        return VerifiedEvidence(entry: entry, origin: origin, checkpoint: verified, plaintext: plaintext,
                                senderFingerprint: receipt.senderFingerprint, recipientFingerprint: receipt.recipientFingerprint)
    }

    /// Parses exactly one vkey of each type, all under `name`, returned in `types` order.
    static func parseKeys(_ vkeys: [String], role: String, name: String, types: [NoteSignatureType]) throws(BundleError) -> [VerifierKey] {
        guard vkeys.count == types.count else {
            throw .malformed("\(role) must hold \(types.count) keys: \(types.map(\.description).joined(separator: " and "))")
        }
        var keys: [VerifierKey] = []
        for vkey in vkeys {
            do { keys.append(try VerifierKey(vkey: vkey)) } catch { throw .checkpoint(error) }
        }
        var ordered: [VerifierKey] = []
        for type in types {
            guard let key = keys.first(where: { $0.type == type }) else {
                throw .malformed("\(role) has no \(type) key")
            }
            guard key.name == name else {
                throw .mismatch("\(role) key \(key.name) should be named \(name)")
            }
            ordered.append(key)
        }
        return ordered
    }
}

/// What a verified bundle proves.
public struct VerifiedEvidence: Sendable {
    public var entry: Entry
    public var origin: LogOrigin
    public var checkpoint: VerifiedCheckpoint
    public var plaintext: [UInt8]?
    public var senderFingerprint: String
    public var recipientFingerprint: String

    /// One plain sentence.
    public var sentence: String {
        let header = entry.header
        var what = "a \(header.kind) (\(header.precedence)) on line \(header.line)"
        if let track = header.track { what += ", track \(track)" }
        var sentence = "Entry \(entry.sequence) of \(origin.sender)'s log to \(origin.recipient), \(what), "
            + "signed by \(header.authorRole) at \(Self.format(milliseconds: header.timeMilliseconds)), "
        if let time = checkpoint.cosignedAt {
            sentence += "was received by \(origin.recipient) as of \(Self.format(milliseconds: time * 1000)), "
                + "when \(origin.recipient) held \(checkpoint.checkpoint.size) entries of that log."
        } else {
            sentence += "is in \(origin.sender)'s log of \(checkpoint.checkpoint.size) entries."
        }
        if plaintext != nil {
            sentence += " The disclosed plaintext is what the author signed."
        }
        return sentence
    }

    public static func format(milliseconds: UInt64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000)))
    }
}
