import Foundation
import PropertyBased
import Testing
@testable import HotlineRecord

/// C2SP signed-note, checked against the reference implementation's vectors (Go's
/// golang.org/x/mod/sumdb/note tests).
@Suite struct SignedNoteVectorTests {
    static let peterKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let enochKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterSig = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochSig = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    @Test func parsesTheReferenceVerifierKeys() throws {
        let peter = try VerifierKey(vkey: Self.peterKey)
        #expect(peter.name == "PeterNeumann")
        #expect(peter.keyID == 0xc74f20a3)
        #expect(peter.type == .ed25519)
        #expect(peter.vkey == Self.peterKey)
        #expect(try VerifierKey(vkey: Self.enochKey).keyID == 0xaf0cfe78)
    }

    @Test func rejectsEveryManglingOfAVerifierKey() {
        let bytes = Array(Self.peterKey.utf8)
        var accepted: [String] = []
        for i in 0...bytes.count {
            for j in (i + 1)...max(i + 1, bytes.count) where j <= bytes.count && !(i == 0 && j == bytes.count) {
                let candidate = String(decoding: bytes[i..<j], as: UTF8.self)
                if (try? VerifierKey(vkey: candidate)) != nil { accepted.append(candidate) }
            }
        }
        for i in bytes.indices {
            var mangled = bytes
            mangled[i] &+= 1
            let candidate = String(decoding: mangled, as: UTF8.self)
            if (try? VerifierKey(vkey: candidate)) != nil { accepted.append(candidate) }
        }
        // A wrong-length key and an unknown algorithm, each with a key ID that matches.
        for candidate in ["PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
                          "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"]
            where (try? VerifierKey(vkey: candidate)) != nil {
            accepted.append(candidate)
        }
        #expect(accepted.isEmpty, "accepted: \(accepted)")
    }

    @Test func signingReproducesTheReferenceSignature() throws {
        // The reference signer key: PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz
        let seed = Array(Base64.decodeCanonical("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")!.dropFirst())
        let key = try Curve25519SigningKey(seed: seed)
        let signature = try key.sign(Array(Self.text.utf8))
        let note = SignedNote(text: Self.text, signatures: [NoteSignature(keyName: "PeterNeumann", keyID: 0xc74f20a3, signature: signature)])
        #expect(note.serialized == Self.text + "\n" + Self.peterSig)
    }

    @Test func opensWithOneKnownAndOneUnknownKey() throws {
        let note = try SignedNote(parsing: Self.text + "\n" + Self.peterSig + Self.enochSig)
        #expect(note.text == Self.text)
        #expect(note.signatures.count == 2)
        let verified = try note.verify(knownKeys: [VerifierKey(vkey: Self.peterKey)])
        #expect(verified.map(\.key.name) == ["PeterNeumann"])
        let both = try note.verify(knownKeys: [VerifierKey(vkey: Self.peterKey), VerifierKey(vkey: Self.enochKey)])
        #expect(both.map(\.key.name) == ["PeterNeumann", "EnochRoot"])
        #expect(throws: NoteError.noVerifiedSignature) { try note.verify(knownKeys: []) }
    }

    @Test func rejectsAnInvalidSignatureFromAKnownKey() throws {
        let sig = Self.peterSig
        let bad = String(sig.prefix(60)) + "ABCD" + String(sig.dropFirst(60))
        let note = try SignedNote(parsing: Self.text + "\n" + bad)
        #expect(throws: NoteError.invalidSignature(keyName: "PeterNeumann", keyID: 0xc74f20a3)) {
            try note.verify(knownKeys: [VerifierKey(vkey: Self.peterKey)])
        }
    }

    @Test func rejectsTheReferenceMalformedNotes() {
        let malformed = [
            Self.text,
            Self.text + "\n",
            Self.text + "\n" + String(Self.peterSig.dropLast()),
            "\u{01}" + Self.text + "\n" + Self.peterSig,
            Self.text + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            Self.text + "\n" + Self.peterSig + "Unexpected line.\n",
            Self.text + "\n" + String(repeating: Self.peterSig, count: 101),
        ]
        for note in malformed {
            #expect(throws: NoteError.self, "\(note.debugDescription)") { try SignedNote(parsing: note) }
        }
        // Invalid UTF-8.
        #expect(throws: NoteError.self) { try SignedNote(parsing: [0xff] + Array((Self.text + "\n" + Self.peterSig).utf8)) }
    }

    @Test func rejectsAmbiguousKeys() throws {
        let enoch = try VerifierKey(vkey: Self.enochKey)
        let impostor = try VerifierKey(name: "EnochRoot", type: .ed25519, publicKey: Array(repeating: 7, count: 32))
        // Same name, different key: different IDs, so not ambiguous; the impostor is simply unused.
        let note = try SignedNote(parsing: Self.text + "\n" + Self.enochSig)
        #expect(try note.verify(knownKeys: [impostor, enoch]).count == 1)
    }

    @Test func randomBytesNeverCrashTheParsers() async {
        await propertyCheck(count: 2000, input: Gen.uint8(in: 0...255).array(of: 0...300)) { bytes in
            _ = try? SignedNote(parsing: bytes)
            _ = try? VerifierKey(vkey: String(decoding: bytes, as: UTF8.self))
            _ = try? Checkpoint(text: String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func mutatedNotesNeverVerify() async throws {
        let serialized = Array((Self.text + "\n" + Self.peterSig).utf8)
        let key = try VerifierKey(vkey: Self.peterKey)
        await propertyCheck(count: 500, input: Gen.int(in: 0..<serialized.count), Gen.uint8(in: 1...255)) { position, delta in
            var mutated = serialized
            mutated[position] &+= delta
            if let note = try? SignedNote(parsing: mutated), let verified = try? note.verify(knownKeys: [key]) {
                // Only a change inside the unknown part of a signature line could still verify; there is none here.
                Issue.record("mutation at \(position) still verified: \(verified)")
            }
        }
    }
}

/// Test helper: an Ed25519 key from a seed, as the reference signer stores it.
struct Curve25519SigningKey {
    let key: AuthorKey
    init(seed: [UInt8]) throws { key = try AuthorKey(seed: seed) }
    func sign(_ message: [UInt8]) throws -> [UInt8] { [UInt8](try key.privateKey.signature(for: message)) }
}
