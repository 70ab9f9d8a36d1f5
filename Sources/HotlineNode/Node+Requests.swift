import Crypto
import Foundation
import HTTPMessageSignatures
import HotlineRecord
import HotlineRules
import Synchronization

/// Client API requests are signed by an official's or the operator's Ed25519 key (RFC 9421,
/// docs/PROTOCOL.md "Client API"): the node checks the signature, the body's digest, the time
/// window and that the nonce is new, then serves the request as that key.
extension Node {
    /// The request as the server received it.
    public struct SignedRequest: Sendable {
        public var method: String
        public var authority: String
        public var path: String
        public var query: String?
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, authority: String, path: String, query: String?, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.authority = authority
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    /// Who signed `request`, or why it is refused (`NodeError.unauthenticated`).
    public func authenticate(_ request: SignedRequest) throws -> Caller {
        let signable = SignableRequest(method: request.method, authority: request.authority, path: request.path,
                                       query: request.query, headers: request.headers)
        let now = Int64(clock.seconds)
        let verified: VerifiedSignature
        do {
            verified = try MessageVerifier.verify(signable, body: request.body, label: RequestSigning.label, policy: .hotline, now: now,
                                                  publicKey: { self.signingKey(keyIDHex: $0) })
        } catch {
            throw NodeError.unauthenticated(error.description)
        }
        // Nonces seen before a restart are forgotten: refuse what was signed before it.
        guard verified.created >= Int64(startedAt.timeIntervalSince1970) - 1 else {
            throw NodeError.unauthenticated("the request was signed before the node started; sign it again")
        }
        do {
            try replayGuard.withLock { guardState in
                guardState.forgetExpired(now: now)
                try guardState.admit(verified, now: now)
            }
        } catch {
            throw NodeError.unauthenticated("\(error)")
        }
        guard let bytes = Hex.decode(verified.keyID), let keyID = Hash(bytes: bytes) else {
            throw NodeError.unauthenticated("keyid is not a key ID")
        }
        return Caller(keyID: keyID)
    }

    /// The key a request may be signed with: the operator's, an operator's console key, or a key
    /// that holds a role of our side now (a handed-over or revoked key signs no more requests).
    func signingKey(keyIDHex: String) -> Curve25519.Signing.PublicKey? {
        guard let bytes = Hex.decode(keyIDHex), let keyID = Hash(bytes: bytes) else { return nil }
        if keyID == operatorKey.publicKey.keyID { return operatorKey.privateKey.publicKey }
        if let console = consoleKey(keyID) { return try? Curve25519.Signing.PublicKey(rawRepresentation: console.publicKey.rawRepresentation) }
        for book in books {
            let (side, now) = (keys.side, clock.milliseconds)
            if let tenure = book.read({ $0.currentHolder(withKeyID: keyID, of: side, at: now) }) {
                return try? Curve25519.Signing.PublicKey(rawRepresentation: tenure.key.rawRepresentation)
            }
        }
        return nil
    }
}

/// The names Hotline uses in its request signatures.
public enum RequestSigning {
    public static let label = "hotline"
}
