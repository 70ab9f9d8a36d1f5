import Foundation
import HotlineRecord
import HotlineStore

/// A node's data directory:
///
///     node.json                  configuration (0644)
///     secrets.json               private key seeds (0600)
///     tls.key, tls.crt           the peer endpoint's TLS key (0600) and self-signed certificate
///     peers/<side>.identity.json pinned identities of paired sides
///     node.sqlite                the store
public struct NodeDirectory: Sendable {
    public let url: URL

    public init(_ path: String) {
        url = URL(fileURLWithPath: path)
    }

    var configurationURL: URL { url.appendingPathComponent("node.json") }
    var secretsURL: URL { url.appendingPathComponent("secrets.json") }
    var tlsKeyURL: URL { url.appendingPathComponent("tls.key") }
    var tlsCertificateURL: URL { url.appendingPathComponent("tls.crt") }
    var peersURL: URL { url.appendingPathComponent("peers") }
    func identityURL(_ side: String) -> URL { peersURL.appendingPathComponent("\(side).identity.json") }

    /// The side's private keys and its operator's key.
    public struct Secrets: Sendable {
        public var keys: SideKeys
        public var operatorKey: AuthorKey
    }

    /// Creates a new node: keys, configuration, store. Refuses if the directory already holds one.
    public static func initialize(at path: String, side: SideID, name: String, configuration: NodeConfiguration? = nil) throws -> NodeDirectory {
        let directory = NodeDirectory(path)
        let manager = FileManager.default
        if manager.fileExists(atPath: directory.configurationURL.path) || manager.fileExists(atPath: directory.secretsURL.path) {
            throw NodeError.dataDirectory("\(path) already holds a node; refusing to overwrite it (its keys are its identity)")
        }
        try manager.createDirectory(at: directory.peersURL, withIntermediateDirectories: true)
        let keys = try SideKeys(side: side)
        let operatorKey = AuthorKey()
        let secrets: [String: String] = [
            "side": side.rawValue,
            "ed25519Seed": Hex.encode(keys.ed25519Seed), "mldsa65Seed": Hex.encode(keys.mldsa65Seed),
            "xwingSeed": Hex.encode(keys.xwingSeed), "operatorSeed": Hex.encode(operatorKey.seed),
        ]
        try directory.writePrivate(try JSONSerialization.data(withJSONObject: secrets, options: [.prettyPrinted, .sortedKeys]), to: directory.secretsURL)
        let tls = try PeerTLS.makeCredentials(side: side)
        try directory.writePrivate(Data(tls.privateKeyPEM.utf8), to: directory.tlsKeyURL)
        try Data(tls.certificatePEM.utf8).write(to: directory.tlsCertificateURL, options: .atomic)
        var config = configuration ?? NodeConfiguration(side: side.rawValue, name: name)
        config.side = side.rawValue
        config.name = name
        try directory.save(config)
        _ = try SQLiteStore(path: directory.url.appendingPathComponent(config.store).path)
        return directory
    }

    /// Writes a file readable only by its owner, created with that mode (never widened later).
    func writePrivate(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw NodeError.dataDirectory("cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { throw NodeError.dataDirectory("cannot write \(url.path)") }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw NodeError.dataDirectory("cannot sync \(url.path)") }
    }

    public func loadConfiguration() throws -> NodeConfiguration {
        guard let data = FileManager.default.contents(atPath: configurationURL.path) else {
            throw NodeError.dataDirectory("no node at \(url.path) (run `hotline init` first)")
        }
        do {
            let config = try JSONDecoder().decode(NodeConfiguration.self, from: data)
            try config.validate()
            return config
        } catch let error as NodeError {
            throw error
        } catch {
            throw NodeError.configuration("\(configurationURL.path) is not a valid configuration: \(error)")
        }
    }

    public func save(_ configuration: NodeConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(configuration) + Data("\n".utf8)
        // Write beside and rename, so that a crash leaves the old or the new file, never half of one.
        let temporary = configurationURL.appendingPathExtension("new")
        try data.write(to: temporary)
        guard rename(temporary.path, configurationURL.path) == 0 else {
            throw NodeError.dataDirectory("cannot replace \(configurationURL.path): \(String(cString: strerror(errno)))")
        }
    }

    public func loadSecrets() throws -> Secrets {
        let attributes = try? FileManager.default.attributesOfItem(atPath: secretsURL.path)
        guard let data = FileManager.default.contents(atPath: secretsURL.path) else {
            throw NodeError.dataDirectory("no keys at \(secretsURL.path)")
        }
        if let mode = attributes?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw NodeError.dataDirectory("\(secretsURL.path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
              let side = object["side"].flatMap({ try? SideID($0) }),
              let ed = object["ed25519Seed"].flatMap(Hex.decode), let ml = object["mldsa65Seed"].flatMap(Hex.decode),
              let xw = object["xwingSeed"].flatMap(Hex.decode), let op = object["operatorSeed"].flatMap(Hex.decode)
        else { throw NodeError.dataDirectory("\(secretsURL.path) is damaged") }
        return Secrets(keys: try SideKeys(side: side, ed25519Seed: ed, mldsa65Seed: ml, xwingSeed: xw), operatorKey: try AuthorKey(seed: op))
    }

    /// This side's signed identity, as `hotline identity export` writes it.
    public func identity() throws -> SideIdentity {
        let config = try loadConfiguration()
        let secrets = try loadSecrets()
        return try SideIdentity(keys: secrets.keys, name: config.name, operatorKey: secrets.operatorKey.publicKey,
                                addresses: config.advertisedAddresses, tlsCertificate: try tlsCredentials()?.certificateDER)
    }

    /// The peer endpoint's TLS key and certificate, if the node has them (nodes made before
    /// TLS existed do not).
    public func tlsCredentials() throws -> PeerTLS.Credentials? {
        guard let certificate = FileManager.default.contents(atPath: tlsCertificateURL.path) else { return nil }
        guard let key = FileManager.default.contents(atPath: tlsKeyURL.path) else {
            throw NodeError.dataDirectory("\(tlsCertificateURL.path) exists but \(tlsKeyURL.path) does not")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: tlsKeyURL.path)
        if let mode = attributes?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw NodeError.dataDirectory("\(tlsKeyURL.path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it")
        }
        let pem = String(decoding: certificate, as: UTF8.self)
        guard let der = PeerTLS.der(fromPEM: pem) else { throw NodeError.dataDirectory("\(tlsCertificateURL.path) is not a PEM certificate") }
        return PeerTLS.Credentials(certificatePEM: pem, privateKeyPEM: String(decoding: key, as: UTF8.self), certificateDER: der)
    }

    /// Pins a peer's identity and adds it to the configuration (or updates its addresses).
    public func pair(_ identity: SideIdentity, addresses: [String]) throws {
        var config = try loadConfiguration()
        guard identity.side.rawValue != config.side else { throw NodeError.rejected("this is our own identity, not a peer's") }
        if let pinned = try? peerIdentity(identity.side.rawValue), pinned.keys != identity.keys {
            throw NodeError.rejected("\(identity.side) is already paired with other keys (fingerprint \(pinned.fingerprint)); remove peers/\(identity.side).identity.json deliberately before pairing new keys")
        }
        try FileManager.default.createDirectory(at: peersURL, withIntermediateDirectories: true)
        try Data(identity.json).write(to: identityURL(identity.side.rawValue), options: .atomic)
        let peer = PeerConfiguration(side: identity.side.rawValue, name: identity.name, addresses: addresses.isEmpty ? identity.addresses : addresses)
        config.peers.removeAll { $0.side == peer.side }
        config.peers.append(peer)
        try config.validate()
        try save(config)
    }

    public func peerIdentity(_ side: String) throws -> SideIdentity {
        guard let data = FileManager.default.contents(atPath: identityURL(side).path) else { throw NodeError.unknownPeer(side) }
        do { return try SideIdentity(json: [UInt8](data)) } catch { throw NodeError.dataDirectory("peers/\(side).identity.json: \(error)") }
    }
}
