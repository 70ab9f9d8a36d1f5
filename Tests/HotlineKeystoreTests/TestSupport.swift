import Crypto
import Foundation
@testable import HotlineKeystore

/// Shared fixtures. Every keystore here uses `.fast` (about 0.2 s per derivation in a debug
/// build) except the one test that exercises `.standard`.
enum Fixture {
    static let holder = "Ambassador Ada Example"
    static let passphrase = "correct horse battery staple"
    static let otherPassphrase = "a completely different phrase"

    static func keystore(
        holder: String = holder, passphrase: String = passphrase
    ) throws -> (OfficialKeystore, Curve25519.Signing.PrivateKey) {
        try OfficialKeystore.create(holder: holder, passphrase: passphrase, parameters: .fast)
    }

    static func document(of keystore: OfficialKeystore) throws -> JSONValue {
        try StrictJSONParser.parse(keystore.encoded())
    }
}

extension JSONValue {
    /// A copy with the value at `path` replaced, or removed when `newValue` is nil.
    func replacing(_ path: [String], with newValue: JSONValue?) -> JSONValue {
        guard case var .object(members) = self, let name = path.first else { return newValue ?? .null }
        let index = members.firstIndex { $0.key.hasSameBytes(as: name) }
        if path.count == 1 {
            if let index { members.remove(at: index) }
            if let newValue { members.append(JSONMember(key: name, value: newValue)) }
        } else if let index {
            members[index] = JSONMember(key: name, value: members[index].value.replacing(Array(path.dropFirst()), with: newValue))
        }
        return .object(members)
    }

    /// The value at `path`, if present.
    func value(at path: [String]) -> JSONValue? {
        guard let name = path.first else { return self }
        guard case let .object(members) = self,
              let member = members.first(where: { $0.key.hasSameBytes(as: name) }) else { return nil }
        return member.value.value(at: Array(path.dropFirst()))
    }

    var bytes: [UInt8] { JSONWriter.bytes(of: self) }
}

/// Base64 helpers for building tampered files.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> JSONValue { .string(Data(bytes).base64EncodedString()) }

    static func decode(_ value: JSONValue?) -> [UInt8] {
        guard case let .string(text) = value, let data = Data(base64Encoded: text) else { return [] }
        return Array(data)
    }
}

/// A seeded generator so fuzz failures can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("keystore-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
