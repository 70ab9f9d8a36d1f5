import Crypto
import Foundation
import Testing
@testable import HotlineKeystore

/// RFC 7914 section 12 vectors, run through `ScryptKeyDerivation.derive`, the same call the
/// keystore uses, so a swapped or mis-scaled N, r or p would be caught.
@Suite("scrypt as called by the keystore")
struct ScryptVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let password: String
        let salt: String
        let logN: Int
        let r: Int
        let p: Int
        let expectedHex: String
        var testDescription: String { "P=\"\(password)\" S=\"\(salt)\" N=2^\(logN) r=\(r) p=\(p)" }
    }

    static let vectors: [Vector] = [
        Vector(password: "password", salt: "NaCl", logN: 10, r: 8, p: 16, expectedHex:
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
        Vector(password: "pleaseletmein", salt: "SodiumChloride", logN: 14, r: 8, p: 1, expectedHex:
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
    ]

    @Test(arguments: vectors)
    func matchesRFC7914(_ vector: Vector) throws {
        let key = try ScryptKeyDerivation.derive(
            password: Array(vector.password.utf8), salt: Array(vector.salt.utf8),
            logN: vector.logN, r: vector.r, p: vector.p, byteCount: 64)
        #expect(key.withUnsafeBytes { hex(Array($0)) } == vector.expectedHex)
    }

    @Test func presetsAreWithinTheAcceptedRange() throws {
        for preset in [ScryptParameters.standard, .fast] {
            #expect(try ScryptParameters(logN: preset.logN, r: preset.r, p: preset.p) == preset)
        }
        #expect(ScryptParameters.standard.logN == 17 && ScryptParameters.standard.r == 8 && ScryptParameters.standard.p == 1)
        #expect(ScryptParameters.standard.memoryBytes == 128 << 20)
    }

    /// swift-crypto sizes scrypt's memory cap as 128·N·r·p plus one page, which is too small
    /// for p = 1 once r > 16; the accepted range stops there, and its corner must still derive.
    @Test func largestAcceptedBlockSizeDerives() throws {
        let corner = try ScryptParameters(logN: 14, r: ScryptParameters.allowedR.upperBound, p: 1)
        let key = try ScryptKeyDerivation.encryptionKey(passphrase: Fixture.passphrase, salt: [UInt8](repeating: 0, count: 16), parameters: corner)
        #expect(key.bitCount == 256)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let logN: Int, r: Int, p: Int
        let expected: KeystoreError
        var testDescription: String { "logN=\(logN) r=\(r) p=\(p)" }
    }

    static let refusals: [Refusal] = [
        Refusal(logN: 13, r: 8, p: 1, expected: .kdfParameterOutOfRange(parameter: "logN", value: 13, allowed: 14...20)),
        Refusal(logN: 21, r: 1, p: 1, expected: .kdfParameterOutOfRange(parameter: "logN", value: 21, allowed: 14...20)),
        Refusal(logN: 64, r: 8, p: 1, expected: .kdfParameterOutOfRange(parameter: "logN", value: 64, allowed: 14...20)),
        Refusal(logN: 14, r: 0, p: 1, expected: .kdfParameterOutOfRange(parameter: "r", value: 0, allowed: 1...16)),
        Refusal(logN: 14, r: 1 << 20, p: 1, expected: .kdfParameterOutOfRange(parameter: "r", value: 1 << 20, allowed: 1...16)),
        Refusal(logN: 14, r: 8, p: 0, expected: .kdfParameterOutOfRange(parameter: "p", value: 0, allowed: 1...16)),
        Refusal(logN: 14, r: 8, p: 1 << 30, expected: .kdfParameterOutOfRange(parameter: "p", value: 1 << 30, allowed: 1...16)),
        // 1 GiB: a hostile file must not make the opener allocate this much.
        Refusal(logN: 20, r: 8, p: 1, expected: .kdfMemoryOutOfRange(byteCount: 1 << 30, allowed: (16 << 20)...(256 << 20))),
        // 2 MiB: too cheap to resist guessing.
        Refusal(logN: 14, r: 1, p: 1, expected: .kdfMemoryOutOfRange(byteCount: 2 << 20, allowed: (16 << 20)...(256 << 20))),
        Refusal(logN: 18, r: 8, p: 16, expected: .kdfWorkTooHigh(work: 1 << 25, limit: 1 << 22)),
    ]

    @Test(arguments: refusals)
    func unsafeParametersAreRefused(_ refusal: Refusal) {
        #expect(throws: refusal.expected) {
            try ScryptParameters(logN: refusal.logN, r: refusal.r, p: refusal.p)
        }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
