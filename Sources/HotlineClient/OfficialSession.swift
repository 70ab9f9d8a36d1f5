import Foundation
import HotlineRecord

/// An official (or the operator) at work against their side's node: it learns both sides'
/// keys once, then composes, seals and signs each entry on this machine and submits it. The
/// node never sees the official's key. Used by the CLI, the demo and the tests.
public struct OfficialSession: Sendable {
    public let client: NodeClient
    public let key: AuthorKey
    /// Our side and its peers, from the node's identity files.
    public let side: SidesView
    public let identities: [SideID: SideIdentity]

    public static func open(_ client: NodeClient) async throws -> OfficialSession {
        guard let key = client.key else { throw ClientError.refused(0, "an official's session needs a signing key") }
        let side = try await client.sides()
        var identities: [SideID: SideIdentity] = [:]
        for (name, json) in side.identities {
            identities[try SideID(name)] = try SideIdentity(json: Array(json.utf8))
        }
        return OfficialSession(client: client, key: key, side: side, identities: identities)
    }

    public var ourSide: SideID { try! SideID(side.side) }

    /// What to write: everything but the author, the sealing and the signature.
    public struct Item: Sendable {
        public var kind: EntryKind
        public var line: String
        public var track: String?
        public var precedence: Precedence
        public var content: EntryContent
        public var references: [EntryPointer]
        /// The role to sign as; by default the one role the key holds on the line.
        public var role: String?
        /// The receiving side; by default the line's other side.
        public var recipient: String?

        public init(_ kind: EntryKind, line: String, track: String? = nil, precedence: Precedence = .routine,
                    content: EntryContent, references: [EntryPointer] = [], role: String? = nil, recipient: String? = nil) {
            self.kind = kind
            self.line = line
            self.track = track
            self.precedence = precedence
            self.content = content
            self.references = references
            self.role = role
            self.recipient = recipient
        }
    }

    /// Composes, signs and submits `item`; with `wait`, returns once the other side has
    /// cosigned it (or after that many seconds). `time` is the signing time in milliseconds.
    @discardableResult
    public func send(_ item: Item, wait: Double? = nil, time: UInt64? = nil) async throws -> EntryPointer {
        let (role, recipient) = try await resolve(item)
        let submission = try compose(item, role: role, recipient: recipient, time: time ?? UInt64(Date().timeIntervalSince1970 * 1000))
        let receipt = try await client.submit(submission, waitForReceipt: wait)
        return EntryPointer(side: ourSide.rawValue, sequence: receipt.sequence, leafHash: receipt.leafHash)
    }

    /// Seals and signs `item` on this machine.
    func compose(_ item: Item, role: RoleName, recipient: SideID, time: UInt64) throws -> EntrySubmission {
        guard let recipientKeys = identities[recipient]?.keys, let ours = identities[ourSide]?.keys else {
            throw ClientError.refused(0, "the node knows no side \(recipient)")
        }
        var references: [EntryReference] = []
        for pointer in item.references { references.append(try pointer.reference()) }
        let track: TrackID? = if let name = item.track { try TrackID(name) } else { nil }
        let draft = EntryComposer.Draft(line: try LineID(item.line), track: track, kind: item.kind,
                                        precedence: item.precedence, content: item.content, references: references)
        return try EntryComposer(author: key, role: role, sender: ours).compose(draft, to: recipientKeys, at: time)
    }

    /// The role to sign as and the side to send to, from the item or else from the line.
    private func resolve(_ item: Item) async throws -> (RoleName, SideID) {
        let isOperator = key.publicKey == identities[ourSide]?.operatorKey
        var role = item.role ?? (isOperator ? "\(ourSide)/operator" : nil)
        var recipient = try item.recipient.map { try SideID($0) }
        if role == nil || recipient == nil, item.line != "operators", !isOperator || item.kind != .lineCharter {
            let line = try await client.lines().first { $0.id == item.line }
            if let line, recipient == nil {
                recipient = line.roles.keys.compactMap { try? SideID($0) }.first { $0 != ourSide }
            }
            if role == nil {
                guard let line else {
                    throw ClientError.refused(404, "there is no line \(item.line) you can see; `hotline lines` lists yours")
                }
                let mine = Set(try await client.whoAmI().roles.map(\.role))
                let onLine = (line.roles[ourSide.rawValue] ?? []).filter(mine.contains)
                guard onLine.count == 1 else {
                    throw ClientError.refused(0, onLine.isEmpty
                        ? "your key holds no role on line \(item.line)"
                        : "your key holds several roles on line \(item.line) (\(onLine.joined(separator: ", "))); say which with --as")
                }
                role = onLine[0]
            }
        }
        if recipient == nil {
            let others = identities.keys.filter { $0 != ourSide }
            guard others.count == 1 else { throw ClientError.refused(0, "this node has several paired sides; say which with --to") }
            recipient = others[0]
        }
        guard let role, let recipient else {
            throw ClientError.refused(0, "no role to sign \(item.line) with: the line operators is written by this side's operator key; an official says which role with --as")
        }
        return (try RoleName(role), recipient)
    }
}
