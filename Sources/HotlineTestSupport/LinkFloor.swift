import Crypto
import Foundation
import GRDB
import HotlineRecord

/// The least work delivering one entry with a receipt can take on one core, measured on this
/// machine: per entry, one Ed25519 verify, one AEAD open of the entry's size and one SHA-256 of
/// the entry; per batch, one X-Wing HPKE setup, one durable (fsync'd) SQLite commit and one
/// checkpoint signature (ML-DSA-65 and Ed25519), shared by the entries of the batch.
public struct LinkFloor: Encodable, Sendable {
    /// Median time of each primitive, in microseconds.
    public var ed25519Verify: Double
    public var aeadOpen: Double
    public var sha256: Double
    public var hpkeSetup: Double
    public var durableCommit: Double
    public var checkpointSignature: Double
    /// The entry (encoded entry plus sealed content) the per-entry primitives ran on, in bytes.
    public var entryBytes: Int
    public var batchSize: Int

    public var perEntryMicroseconds: Double {
        ed25519Verify + aeadOpen + sha256 + (hpkeSetup + durableCommit + checkpointSignature) / Double(batchSize)
    }

    /// Entries per second one core could deliver if it did nothing but the floor's work.
    public var entriesPerSecond: Double { 1e6 / perEntryMicroseconds }

    enum CodingKeys: String, CodingKey {
        case ed25519Verify, aeadOpen, sha256, hpkeSetup, durableCommit, checkpointSignature, entryBytes, batchSize
        case perEntryMicroseconds, entriesPerSecond
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ed25519Verify, forKey: .ed25519Verify)
        try container.encode(aeadOpen, forKey: .aeadOpen)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(hpkeSetup, forKey: .hpkeSetup)
        try container.encode(durableCommit, forKey: .durableCommit)
        try container.encode(checkpointSignature, forKey: .checkpointSignature)
        try container.encode(entryBytes, forKey: .entryBytes)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(perEntryMicroseconds, forKey: .perEntryMicroseconds)
        try container.encode(entriesPerSecond, forKey: .entriesPerSecond)
    }

    /// Measures each primitive on the calling thread. `scratch` is a directory for the commit's
    /// database; `entry` and `content` are a real entry of the size being delivered.
    public static func measure(entry: [UInt8], content: [UInt8], authorKey: AuthorPublicKey, keys: SideKeys,
                               batchSize: Int, scratch: URL) throws -> LinkFloor {
        let decoded = try Entry(encoded: entry)
        let header = decoded.header.encoded
        let signedMessage = Array("hotline/entry/v1\n".utf8) + header
        let signature = decoded.authorSignature
        let entryBytes = entry.count + content.count

        let ed25519 = try median(repeat: 400) {
            guard authorKey.isValidSignature(signature, for: signedMessage) else { throw FloorError.primitiveFailed("Ed25519 verify") }
        }
        let key = SymmetricKey(size: .bits256)
        let box = try AES.GCM.seal([UInt8](repeating: 0x5a, count: entryBytes), using: key, authenticating: Data(count: 8))
        let aead = try median(repeat: 4_000) { _ = try AES.GCM.open(box, using: key, authenticating: Data(count: 8)) }
        let bytes = entry + content
        let sha = try median(repeat: 4_000) { _ = SHA256.hash(data: bytes) }

        let info = Data("hotline/batch/v1\nfloor\n0".utf8)
        let sender = try HPKE.Sender(recipientKey: keys.publicKeys.contentKey, ciphersuite: SealedContent.ciphersuite, info: info)
        let encapsulated = sender.encapsulatedKey
        let hpke = try median(repeat: 300) {
            _ = try HPKE.Recipient(privateKey: keys.contentPrivateKey, ciphersuite: SealedContent.ciphersuite, info: info, encapsulatedKey: encapsulated)
        }

        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("floor-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let commit: Double
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
            }
            var id: Int64 = 0
            let row = Data(bytes)
            commit = try median(repeat: 60) {
                id += 1
                try queue.write { db in try db.execute(sql: "INSERT INTO t (id, data) VALUES (?, ?)", arguments: [id, row]) }
            }
            try queue.close()
        }

        let origin = LogOrigin(sender: keys.side, recipient: try SideID(keys.side.rawValue == "zz" ? "zy" : "zz"))
        let checkpoint = Checkpoint(origin: origin.text, size: 1_000, rootHash: Hash.sha256(bytes))
        let sign = try median(repeat: 100) { _ = try keys.signCheckpoint(checkpoint) }

        return LinkFloor(ed25519Verify: ed25519, aeadOpen: aead, sha256: sha, hpkeSetup: hpke, durableCommit: commit,
                         checkpointSignature: sign, entryBytes: entryBytes, batchSize: batchSize)
    }

    /// The median of `count` timed runs of `work`, in microseconds.
    static func median(repeat count: Int, _ work: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let elapsed = try clock.measure(work)
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// Averages two measurements of the same floor (taken before and after a run).
    public static func mean(_ a: LinkFloor, _ b: LinkFloor) -> LinkFloor {
        LinkFloor(ed25519Verify: (a.ed25519Verify + b.ed25519Verify) / 2, aeadOpen: (a.aeadOpen + b.aeadOpen) / 2,
                  sha256: (a.sha256 + b.sha256) / 2, hpkeSetup: (a.hpkeSetup + b.hpkeSetup) / 2,
                  durableCommit: (a.durableCommit + b.durableCommit) / 2,
                  checkpointSignature: (a.checkpointSignature + b.checkpointSignature) / 2,
                  entryBytes: a.entryBytes, batchSize: a.batchSize)
    }
}

enum FloorError: Error, CustomStringConvertible {
    case primitiveFailed(String)
    var description: String {
        switch self { case let .primitiveFailed(what): "the floor's \(what) failed; the benchmark cannot measure it" }
    }
}
