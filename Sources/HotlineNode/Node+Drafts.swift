import Foundation
import HotlineClient
import HotlineRecord
import HotlineRules

/// Drafts: the node seals an item for an author who cannot (a browser has no X-Wing), and
/// hands back the header to sign. The author checks the header's commitment against the
/// plaintext before signing, so the signature still covers exactly what the author meant; the
/// node learns nothing it could not read anyway (every entry is sealed to its side too).
extension Node {
    struct Draft: Sendable {
        let header: EntryHeader
        let content: [UInt8]
        let author: Hash
        let expires: UInt64
    }

    static let draftLifetime: UInt64 = 10 * 60_000
    static let maxDrafts = 1_000

    public func draft(_ request: DraftRequest, for caller: Caller) throws -> DraftView {
        guard let kind = EntryKind(token: request.kind) else {
            throw NodeError.badRequest("kind is one of \(EntryKind.allCases.map(\.token).joined(separator: ", ")), not \"\(request.kind.prefix(40))\"")
        }
        let precedence = try request.precedence.map { name in
            guard let value = Precedence.allCases.first(where: { $0.description == name }) else {
                throw NodeError.badRequest("precedence is routine, priority, immediate or flash")
            }
            return value
        } ?? .routine
        let line: LineID, track: TrackID?
        do {
            line = try LineID(request.line)
            track = try request.track.map { try TrackID($0) }
        } catch { throw NodeError.badRequest("\(error)") }
        let (peer, role) = try author(of: request, line: line, caller: caller)
        var content = request.content
        content.salt = EntryContent.withRandomSalt().salt
        let plaintext = content.plaintext
        let sealed: SealedContent
        do { sealed = try SealedContent.seal(plaintext, for: [peer.context.identity.keys, keys.publicKeys]) } catch {
            throw NodeError.badRequest("\(error)")
        }
        let encoded = sealed.encoded
        var references: [EntryReference] = []
        for pointer in request.references ?? [] {
            do { references.append(try pointer.reference()) } catch { throw NodeError.badRequest("reference \(pointer): \(error)") }
        }
        let now = clock.milliseconds
        let header = EntryHeader(
            sender: keys.side, recipient: peer.context.side, line: line, track: track, kind: kind, precedence: precedence,
            timeMilliseconds: now, authorRole: role, authorKeyID: caller.keyID, references: references,
            commitment: EntryContent.commitment(to: plaintext), contentHash: Hash.sha256(encoded), contentLength: UInt32(encoded.count))
        do { _ = try EntryHeader(encoded: header.encoded) } catch { throw NodeError.badRequest("\(error)") }
        // Judged now, so that the author is not asked to sign what would be refused.
        let parsed = RecordState.needsContent(kind) ? content : nil
        if let verdict = peer.context.book.precheck(header, signature: [], content: parsed) { throw NodeError.refused(verdict) }

        var idBytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in idBytes.indices { idBytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let id = Hex.encode(idBytes)
        let expires = now + Self.draftLifetime
        try drafts.withLock { drafts in
            drafts = drafts.filter { $0.value.expires > now }
            guard drafts.count < Self.maxDrafts else { throw NodeError.badRequest("too many drafts waiting to be signed; try again in a few minutes") }
            drafts[id] = Draft(header: header, content: encoded, author: caller.keyID, expires: expires)
        }
        return DraftView(id: id, header: Base64.encode(header.encoded), signedMessage: Base64.encode(header.signedMessage),
                         plaintext: Base64.encode(plaintext), role: role.rawValue, recipient: peer.context.side.rawValue,
                         signedAt: UTCTime.format(now), expiresAt: UTCTime.format(expires))
    }

    /// Submits a draft with its author's signature.
    public func submitDraft(_ id: String, signature: DraftSignature, for caller: Caller, waitForReceipt: Duration?) async throws -> Submission {
        let now = clock.milliseconds
        guard let draft = drafts.withLock({ $0[id] }), draft.expires > now else {
            throw NodeError.notFound("no draft \(id.prefix(40)) waits to be signed (drafts are kept 10 minutes)")
        }
        guard draft.author == caller.keyID else { throw NodeError.forbidden("the draft is another key's to sign") }
        guard let bytes = Base64.decodeCanonical(signature.signature), bytes.count == 64 else {
            throw NodeError.badRequest("signature is canonical base64 of 64 bytes")
        }
        let submission = try await submit(header: draft.header.encoded, signature: bytes, content: draft.content, waitForReceipt: waitForReceipt)
        _ = drafts.withLock { $0.removeValue(forKey: id) }
        return submission
    }

    /// The peer an item goes to and the role its author signs as.
    private func author(of request: DraftRequest, line: LineID, caller: Caller) throws -> (PeerRuntime, RoleName) {
        if isOperator(caller) {
            return (try onlyPeer("an operator's draft goes to the only one"), identity.operatorRole)
        }
        for peer in peers.values {
            let state = peer.context.book.snapshot()
            guard let found = state.lines[line] else { continue }
            let held = roles(of: caller, in: state).map(\.role).filter { found.roles[keys.side]?.contains($0) == true }
            if let name = request.role {
                guard let role = held.first(where: { $0.rawValue == name }) else {
                    throw NodeError.forbidden("your key does not hold \(name.prefix(80)) on line \(line)")
                }
                return (peer, role)
            }
            guard held.count == 1 else {
                throw NodeError.forbidden(held.isEmpty ? "your key holds no role on line \(line)"
                    : "your key holds several roles on line \(line) (\(held.map(\.rawValue).joined(separator: ", "))); say which with role")
            }
            return (peer, held[0])
        }
        throw NodeError.notFound("there is no line \(line)")
    }
}
