import HotlineRules
import Foundation
import HotlineRecord

/// A node's configuration: `node.json` in its data directory, overridden by environment
/// variables (docs/OPERATIONS.md lists them).
public struct NodeConfiguration: Codable, Sendable, Equatable {
    public var side: String
    public var name: String
    /// Where the peer endpoint listens (host:port). Peers reach it through `advertisedAddresses`.
    public var peerListen: String
    /// Where the client API, health checks and metrics listen (host:port); keep it on loopback.
    public var apiListen: String
    /// Base URLs of the peer endpoint as the other side should dial them.
    public var advertisedAddresses: [String]
    /// With nothing to send, checkpoints are re-submitted this often for a fresh receipt.
    public var heartbeatSeconds: Double
    /// The largest number of entries pushed in one batch.
    public var batchSize: Int
    /// After a start, appends wait this long at most for a first receipt from each peer (a node
    /// restored from an old back-up takes its own entries back first).
    public var contactGraceSeconds: Double
    /// The store file, relative to the data directory.
    public var store: String
    /// Serve the peer endpoint over TLS 1.3 with the node's certificate (tls.crt, tls.key);
    /// advertise https:// addresses then. Peers pin the certificate from the signed identity.
    public var peerTLS: Bool
    public var peers: [PeerConfiguration]

    public init(side: String, name: String, peerListen: String = "0.0.0.0:7400", apiListen: String = "127.0.0.1:7401",
                advertisedAddresses: [String] = [], heartbeatSeconds: Double = 60, batchSize: Int = 200,
                store: String = "node.sqlite", peerTLS: Bool = false, contactGraceSeconds: Double = 10, peers: [PeerConfiguration] = []) {
        self.side = side
        self.name = name
        self.peerListen = peerListen
        self.apiListen = apiListen
        self.advertisedAddresses = advertisedAddresses
        self.heartbeatSeconds = heartbeatSeconds
        self.batchSize = batchSize
        self.store = store
        self.peerTLS = peerTLS
        self.contactGraceSeconds = contactGraceSeconds
        self.peers = peers
    }

    enum CodingKeys: String, CodingKey {
        case side, name, peerListen, apiListen, advertisedAddresses, heartbeatSeconds, batchSize, store, peerTLS, contactGraceSeconds, peers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(side: try container.decode(String.self, forKey: .side), name: try container.decode(String.self, forKey: .name),
                  peerListen: try container.decode(String.self, forKey: .peerListen), apiListen: try container.decode(String.self, forKey: .apiListen),
                  advertisedAddresses: try container.decode([String].self, forKey: .advertisedAddresses),
                  heartbeatSeconds: try container.decode(Double.self, forKey: .heartbeatSeconds), batchSize: try container.decode(Int.self, forKey: .batchSize),
                  store: try container.decode(String.self, forKey: .store),
                  // Configurations written before TLS existed have no such key: plain HTTP.
                  peerTLS: try container.decodeIfPresent(Bool.self, forKey: .peerTLS) ?? false,
                  contactGraceSeconds: try container.decodeIfPresent(Double.self, forKey: .contactGraceSeconds) ?? 10,
                  peers: try container.decode([PeerConfiguration].self, forKey: .peers))
    }

    /// Applies HOTLINE_PEER_LISTEN, HOTLINE_API_LISTEN, HOTLINE_HEARTBEAT_SECONDS,
    /// HOTLINE_BATCH_SIZE, HOTLINE_CONTACT_GRACE_SECONDS and HOTLINE_PEER_TLS from `environment`.
    public func overridden(by environment: [String: String]) throws(NodeError) -> NodeConfiguration {
        var copy = self
        if let value = environment["HOTLINE_PEER_LISTEN"] { copy.peerListen = value }
        if let value = environment["HOTLINE_API_LISTEN"] { copy.apiListen = value }
        if let value = environment["HOTLINE_HEARTBEAT_SECONDS"] {
            guard let seconds = Double(value), seconds > 0 else { throw .configuration("HOTLINE_HEARTBEAT_SECONDS must be a positive number, got \"\(value)\"") }
            copy.heartbeatSeconds = seconds
        }
        if let value = environment["HOTLINE_BATCH_SIZE"] {
            guard let size = Int(value), (1...SealedBatch.maxRecords).contains(size) else {
                throw .configuration("HOTLINE_BATCH_SIZE must be 1-\(SealedBatch.maxRecords), got \"\(value)\"")
            }
            copy.batchSize = size
        }
        if let value = environment["HOTLINE_CONTACT_GRACE_SECONDS"] {
            guard let seconds = Double(value), seconds >= 0 else {
                throw .configuration("HOTLINE_CONTACT_GRACE_SECONDS must be a number of seconds, 0 or more, got \"\(value)\"")
            }
            copy.contactGraceSeconds = seconds
        }
        if let value = environment["HOTLINE_PEER_TLS"] {
            switch value.lowercased() {
            case "1", "true", "yes", "on": copy.peerTLS = true
            case "0", "false", "no", "off": copy.peerTLS = false
            default: throw .configuration("HOTLINE_PEER_TLS must be true or false, got \"\(value)\"")
            }
        }
        try copy.validate()
        return copy
    }

    public func validate() throws(NodeError) {
        guard (try? SideID(side)) != nil else { throw .configuration("side \"\(side)\" is not a valid side name") }
        for (name, value) in [("peerListen", peerListen), ("apiListen", apiListen)] where HostPort(value) == nil {
            throw .configuration("\(name) \"\(value)\" is not host:port")
        }
        guard heartbeatSeconds > 0 else { throw .configuration("heartbeatSeconds must be positive") }
        guard contactGraceSeconds >= 0 else { throw .configuration("contactGraceSeconds must be 0 or more") }
        guard (1...SealedBatch.maxRecords).contains(batchSize) else { throw .configuration("batchSize must be 1-\(SealedBatch.maxRecords)") }
        for peer in peers {
            guard (try? SideID(peer.side)) != nil, peer.side != side else { throw .configuration("peer \"\(peer.side)\" is not a valid other side") }
            guard !peer.addresses.isEmpty else { throw .configuration("peer \(peer.side) has no address") }
            for address in peer.addresses where !(address.hasPrefix("http://") || address.hasPrefix("https://")) {
                throw .configuration("peer \(peer.side)'s address \"\(address)\" must start with http:// or https://")
            }
        }
    }
}

/// A paired side: where to reach it. Its keys are pinned in `peers/<side>.identity.json`.
public struct PeerConfiguration: Codable, Sendable, Equatable {
    public var side: String
    public var name: String
    /// Base URLs of the peer's endpoint, tried in order (redundant paths).
    public var addresses: [String]

    public init(side: String, name: String, addresses: [String]) {
        self.side = side
        self.name = name
        self.addresses = addresses
    }
}

/// "host:port".
public struct HostPort: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        guard !host.isEmpty else { return nil }
    }
}

/// Why the node cannot do what was asked.
public enum NodeError: Error, Equatable, CustomStringConvertible {
    case configuration(String)
    case dataDirectory(String)
    case unknownPeer(String)
    case rejected(String)
    /// The entry breaks a rule of the official workflows; nothing was stored.
    case refused(RuleViolation)
    /// The caller may not see or do this (compartments, roles).
    case forbidden(String)
    case notFound(String)
    /// The request's signature is missing, wrong, stale or replayed.
    case unauthenticated(String)
    case badRequest(String)

    public var description: String {
        switch self {
        case let .configuration(reason): "configuration: \(reason)"
        case let .dataDirectory(reason): "data directory: \(reason)"
        case let .unknownPeer(side): "no paired side \(side); pair it first with `hotline pair`"
        case let .rejected(reason): reason
        case let .refused(violation): violation.description
        case let .forbidden(reason): reason
        case let .notFound(reason): reason
        case let .badRequest(reason): reason
        case let .unauthenticated(reason): "the request is not signed by a key of this side: \(reason)"
        }
    }
}
