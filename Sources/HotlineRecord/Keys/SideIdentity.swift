import Crypto
import Foundation

/// What one side hands the other at pairing: its public keys, its operator's key, its display
/// name and the addresses of its node, signed by both of its signing keys. The fingerprint
/// covers the signing keys; the signatures extend it to everything else in the file, so
/// confirming the fingerprint over the telephone pins the whole identity.
public struct SideIdentity: Hashable, Sendable {
    public static let format = "hotline-identity/v1"

    public var keys: SidePublicKeys
    public var name: String
    /// Signs entries as `<side>/operator` until officials hold roles.
    public var operatorKey: AuthorPublicKey
    /// Base URLs of the node's peer endpoint, in order of preference.
    public var addresses: [String]
    /// The node's TLS certificate (DER) for its peer endpoint, if it has one: a peer reaching it
    /// over https trusts exactly this certificate. Signed with the rest, so the fingerprint pins it.
    public var tlsCertificate: [UInt8]?
    public static let maxTLSCertificateSize = 4_096
    public var ed25519Signature: [UInt8]
    public var mldsa65Signature: [UInt8]

    public var side: SideID { keys.side }
    public var fingerprint: String { keys.fingerprint }
    /// The role the operator key signs under.
    public var operatorRole: RoleName { try! RoleName("\(keys.side)/operator") }

    /// Creates and signs an identity.
    public init(keys: SideKeys, name: String, operatorKey: AuthorPublicKey, addresses: [String], tlsCertificate: [UInt8]? = nil) throws {
        self.keys = keys.publicKeys
        self.name = name
        self.operatorKey = operatorKey
        self.addresses = addresses
        self.tlsCertificate = tlsCertificate
        self.ed25519Signature = []
        self.mldsa65Signature = []
        let message = try signedMessage()
        ed25519Signature = [UInt8](try keys.ed25519.signature(for: message))
        mldsa65Signature = [UInt8](try keys.mldsa65.signature(for: message))
    }

    func signedMessage() throws(KeyError) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 255, name.unicodeScalars.allSatisfy({ $0.value >= 0x20 }) else {
            throw .invalid(what: "display name (at most 255 bytes, no control characters)")
        }
        guard addresses.count <= 16, addresses.allSatisfy({ (1...255).contains($0.utf8.count) }) else {
            throw .invalid(what: "address list (at most 16 addresses of 1-255 bytes)")
        }
        var writer = BinaryWriter(capacity: 3400)
        writer.fixed(Array("hotline/identity/v1\n".utf8))
        writer.vector8(Array(keys.side.rawValue.utf8))
        writer.vector8(nameBytes)
        writer.fixed(keys.ed25519)
        writer.fixed(keys.mldsa65)
        writer.fixed(keys.xwing)
        writer.fixed(operatorKey.rawRepresentation)
        writer.uint8(UInt8(addresses.count))
        for address in addresses { writer.vector8(Array(address.utf8)) }
        // Identities without a certificate keep the message they always had.
        if let tlsCertificate {
            guard (1...Self.maxTLSCertificateSize).contains(tlsCertificate.count) else {
                throw .invalid(what: "TLS certificate (1-\(Self.maxTLSCertificateSize) bytes of DER)")
            }
            writer.fixed(Array("tls\n".utf8))
            writer.vector16(tlsCertificate)
        }
        return writer.bytes
    }

    /// Checks both signatures.
    public func verify() throws(KeyError) {
        let message = try signedMessage()
        guard let ed = try? Curve25519.Signing.PublicKey(rawRepresentation: keys.ed25519),
              ed.isValidSignature(ed25519Signature, for: message),
              let ml = try? MLDSA65.PublicKey(rawRepresentation: keys.mldsa65),
              ml.isValidSignature(mldsa65Signature, for: message)
        else { throw .invalid(what: "identity of \(keys.side): its signatures do not verify, so it was altered") }
    }

    // MARK: - JSON file

    public var json: [UInt8] {
        var object: [String: Any] = [
            "format": Self.format, "side": keys.side.rawValue, "name": name,
            "ed25519": Base64.encode(keys.ed25519), "mldsa65": Base64.encode(keys.mldsa65), "xwing": Base64.encode(keys.xwing),
            "operatorKey": Base64.encode(operatorKey.rawRepresentation), "addresses": addresses,
            "signatures": ["ed25519": Base64.encode(ed25519Signature), "mldsa65": Base64.encode(mldsa65Signature)],
            "fingerprint": fingerprint,
        ]
        if let tlsCertificate { object["tlsCertificate"] = Base64.encode(tlsCertificate) }
        return [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
    }

    /// Reads an identity file and checks its signatures and its stated fingerprint.
    public init(json file: [UInt8]) throws(KeyError) {
        guard file.count <= 64 * 1024 else { throw .invalid(what: "identity file (larger than 64 KiB)") }
        let document: JSONValue
        do { document = try JSONValue.parse(file) } catch { throw .invalid(what: "identity file (\(error))") }
        guard case let .object(fields) = document else { throw .invalid(what: "identity file (not a JSON object)") }
        let known: Set<String> = ["format", "side", "name", "ed25519", "mldsa65", "xwing", "operatorKey", "addresses", "signatures", "fingerprint", "tlsCertificate"]
        if let unknown = fields.keys.first(where: { !known.contains($0) }) { throw .invalid(what: "identity file (unknown field \"\(unknown.prefix(40))\")") }
        func string(_ name: String, in fields: [String: JSONValue]) throws(KeyError) -> String {
            guard case let .string(text)? = fields[name] else { throw .invalid(what: "identity file (field \"\(name)\" missing or not a string)") }
            return text
        }
        func base64(_ name: String, in fields: [String: JSONValue]) throws(KeyError) -> [UInt8] {
            guard let value = Base64.decodeCanonical(try string(name, in: fields)) else { throw .invalid(what: "identity file (\"\(name)\" is not canonical base64)") }
            return value
        }
        guard try string("format", in: fields) == Self.format else { throw .invalid(what: "identity file (format is not \(Self.format))") }
        guard case let .array(addressValues)? = fields["addresses"] else { throw .invalid(what: "identity file (\"addresses\" must be an array)") }
        var addresses: [String] = []
        for value in addressValues {
            guard case let .string(address) = value else { throw .invalid(what: "identity file (addresses must be strings)") }
            addresses.append(address)
        }
        guard case let .object(signatures)? = fields["signatures"] else { throw .invalid(what: "identity file (\"signatures\" must be an object)") }
        let side: SideID
        do { side = try SideID(try string("side", in: fields)) } catch let error as IdentifierError { throw .invalid(what: "identity file (\(error))") } catch { throw .invalid(what: "identity file") }
        do {
            keys = try SidePublicKeys(side: side, ed25519: try base64("ed25519", in: fields), mldsa65: try base64("mldsa65", in: fields), xwing: try base64("xwing", in: fields))
            operatorKey = try AuthorPublicKey(rawRepresentation: try base64("operatorKey", in: fields))
        } catch let error as KeyError {
            throw error
        } catch {
            throw .invalid(what: "identity file keys")
        }
        name = try string("name", in: fields)
        self.addresses = addresses
        tlsCertificate = fields["tlsCertificate"] == nil ? nil : try base64("tlsCertificate", in: fields)
        ed25519Signature = try base64("ed25519", in: signatures)
        mldsa65Signature = try base64("mldsa65", in: signatures)
        try verify()
        guard try string("fingerprint", in: fields) == fingerprint else {
            throw .invalid(what: "identity file (its stated fingerprint is not the fingerprint of its keys)")
        }
    }
}
