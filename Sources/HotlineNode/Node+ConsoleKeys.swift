import Foundation
import HotlineClient
import HotlineRecord
import HotlineRules
import HotlineStore

/// Operators' console keys (docs/OPERATIONS.md, "The web console"): browser keys the operator
/// lets act as this node's operator on the client API. Only the operator key in the data
/// directory adds or removes them, so a console key cannot make another.
extension Node {
    /// The node's operator key itself, not a console key acting as operator.
    func isOperatorKey(_ caller: Caller) -> Bool { caller.keyID == operatorKey.publicKey.keyID }

    func consoleKey(_ keyID: Hash) -> ConsoleKey? { consoleKeys.withLock { $0[keyID] } }

    public func listConsoleKeys(for caller: Caller) throws -> [ConsoleKeyView] {
        guard isOperator(caller) else { throw NodeError.forbidden("only the operator lists console keys") }
        return consoleKeys.withLock { Array($0.values) }.sorted { ($0.addedAt, $0.keyID.hex) < ($1.addedAt, $1.keyID.hex) }.map(Self.view)
    }

    public func addConsoleKey(_ request: ConsoleKeyRequest, for caller: Caller) async throws -> ConsoleKeyView {
        guard isOperatorKey(caller) else {
            throw NodeError.forbidden("only the node's operator key adds console keys (hotline console-key add), not a console key")
        }
        guard let raw = Base64.decodeCanonical(request.publicKey), let key = try? AuthorPublicKey(rawRepresentation: raw) else {
            throw NodeError.badRequest("publicKey is an Ed25519 public key: 32 bytes in standard base64 (the console shows it at sign-in)")
        }
        let name = request.name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw NodeError.badRequest("name is who uses the key: 1 to 100 characters, no control characters")
        }
        guard key.keyID != operatorKey.publicKey.keyID else { throw NodeError.badRequest("that is the operator key itself") }
        let now = clock.milliseconds
        for book in books {
            if let tenure = book.read({ $0.currentHolder(withKeyID: key.keyID, of: keys.side, at: now) }) {
                throw NodeError.badRequest("that key holds the role \(tenure.role) of an official; an operator's console key is a key of its own (make one in another browser profile)")
            }
        }
        let entry = ConsoleKey(publicKey: key, name: name, addedAt: clock.seconds)
        try await store.addConsoleKey(entry)
        // As the store: a key added again is renamed and keeps its first time.
        let kept = consoleKeys.withLock { keys -> ConsoleKey in
            var kept = keys[entry.keyID] ?? entry
            kept.name = entry.name
            keys[entry.keyID] = kept
            return kept
        }
        logger.notice("console key added", metadata: ["key": "\(entry.keyID.hex.prefix(16))", "name": "\(name)"])
        return Self.view(kept)
    }

    public func removeConsoleKey(_ keyIDHex: String, for caller: Caller) async throws {
        guard isOperatorKey(caller) else {
            throw NodeError.forbidden("only the node's operator key removes console keys (hotline console-key remove)")
        }
        guard let bytes = Hex.decode(keyIDHex), let keyID = Hash(bytes: bytes) else {
            throw NodeError.badRequest("a key ID is 64 hex digits (hotline console-key list shows them)")
        }
        guard try await store.removeConsoleKey(keyID) else { throw NodeError.notFound("no console key \(keyIDHex.prefix(16))…") }
        consoleKeys.withLock { _ = $0.removeValue(forKey: keyID) }
        logger.notice("console key removed", metadata: ["key": "\(keyIDHex.prefix(16))"])
    }

    static func view(_ key: ConsoleKey) -> ConsoleKeyView {
        ConsoleKeyView(keyID: key.keyID.hex, publicKey: Base64.encode(key.publicKey.rawRepresentation), name: key.name,
                       addedAt: UTCTime.format(key.addedAt * 1000))
    }
}
