extension RecordAnswer {
    /// Checks the answer offline: the cosigned checkpoint, that the entries are exactly the log
    /// below its size, the disclosed plaintexts against their commitments, and that the matches
    /// are exactly the entries that answer the question.
    public func verify() throws(BundleError) -> VerifiedAnswer {
        let receipt = try CosignedCheckpoint(checkpoint: checkpoint, senderKeys: senderKeys, recipientKeys: recipientKeys)
        let (origin, verified) = (receipt.origin, receipt.verified)
        guard origin.sender == question.sender else {
            throw .mismatch("the question is about \(question.sender)'s log, but the checkpoint is of \(origin)")
        }
        guard verified.cosignedAt != nil else { throw .mismatch("the checkpoint carries no cosignature by \(origin.recipient)") }
        guard UInt64(entries.count) == verified.checkpoint.size else {
            throw .mismatch("the answer holds \(entries.count) entries but the checkpoint is of \(verified.checkpoint.size): every entry below it must be there")
        }

        var frontier = MerkleFrontier()
        var found: [Entry] = []
        var neededDisclosures: Set<UInt64> = []
        for (index, leaf) in entries.enumerated() {
            let entry: Entry
            do { entry = try Entry(encoded: leaf) } catch { throw .entry(error) }
            guard entry.sequence == UInt64(index), entry.header.sender == origin.sender, entry.header.recipient == origin.recipient else {
                throw .mismatch("entry \(index) of the answer is entry \(entry.sequence) from \(entry.header.sender) to \(entry.header.recipient), not entry \(index) of \(origin)")
            }
            _ = frontier.append(Merkle.leafHash(leaf))
            guard question.headerMatches(entry.header) else { continue }
            if question.needsContent {
                neededDisclosures.insert(UInt64(index))
                guard let plaintext = disclosed[UInt64(index)] else {
                    throw .mismatch("entry \(index) is a \(entry.header.kind) that may answer the question; its plaintext must be disclosed")
                }
                guard EntryContent.commitment(to: plaintext) == entry.header.commitment else { throw .entry(.commitmentMismatch) }
                let content: EntryContent
                do { content = try EntryContent(plaintext: plaintext) } catch { throw .entry(error) }
                guard question.contentMatches(content) else { continue }
            }
            found.append(entry)
        }
        guard frontier.rootHash == verified.checkpoint.rootHash else {
            throw .mismatch("the entries do not lead to the checkpoint's root hash: they are not \(origin)'s log")
        }
        if let extra = disclosed.keys.sorted().first(where: { !neededDisclosures.contains($0) }) {
            throw .mismatch("the plaintext of entry \(extra) is disclosed but not needed to answer; an answer discloses nothing more")
        }
        guard found.map(\.sequence) == matches else {
            throw .mismatch("the answer claims entries \(matches.map(String.init).joined(separator: ", ")) but the record shows \(found.map { String($0.sequence) }.joined(separator: ", "))")
        }
        return VerifiedAnswer(question: question, origin: origin, checkpoint: verified, matches: found,
                              senderFingerprint: receipt.senderFingerprint, recipientFingerprint: receipt.recipientFingerprint)
    }
}

/// What a verified answer proves.
public struct VerifiedAnswer: Sendable {
    public var question: RecordQuestion
    public var origin: LogOrigin
    public var checkpoint: VerifiedCheckpoint
    public var matches: [Entry]
    public var senderFingerprint: String
    public var recipientFingerprint: String

    /// One plain sentence: "As of T, us held ru's log up to 12 entries; none of entries 0–11 is ..."
    public var sentence: String {
        let size = checkpoint.checkpoint.size
        let time = VerifiedEvidence.format(milliseconds: (checkpoint.cosignedAt ?? 0) * 1000)
        let range = size == 0 ? "it holds no entries" : "entries 0–\(size - 1)"
        let head = "As of \(time), \(origin.recipient) held \(origin.sender)'s log up to \(size) entries"
        if matches.isEmpty {
            return size == 0 ? "\(head), so \(origin.sender) had officially sent nothing." : "\(head), and none of \(range) is \(question.description)."
        }
        let list = matches.map { "\(origin.sender)#\($0.sequence)" }.joined(separator: ", ")
        return "\(head); of \(range), \(matches.count == 1 ? "one is" : "\(matches.count) are") \(question.description): \(list)."
    }
}
