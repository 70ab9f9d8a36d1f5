import Foundation
import PropertyBased
import Testing
@testable import HotlineRecord

@Suite struct EntryTests {
    @Test func roundTripsAndVerifies() throws {
        let reference = EntryReference(side: try SideID("us"), sequence: 4, leafHash: Hash.sha256([1]))
        let (entry, _, _) = try Fixture.entry(sequence: 7, kind: .proposal, precedence: .flash, references: [reference])
        let decoded = try Entry(encoded: entry.encoded)
        #expect(decoded == entry)
        #expect(decoded.encoded == entry.encoded)
        try decoded.verifyAuthorSignature(try Fixture.author("ru/mod/minister").publicKey)
        #expect(throws: EntryError.self) { try decoded.verifyAuthorSignature(try Fixture.author("ru/mfa/minister").publicKey) }
        var tampered = decoded
        tampered.header.precedence = .routine
        #expect(throws: EntryError.badAuthorSignature(sequence: 7)) { try tampered.verifyAuthorSignature(try Fixture.author("ru/mod/minister").publicKey) }
        // The sequence is the node's, not the author's: renumbering keeps the signature valid.
        tampered = decoded
        tampered.sequence = 8
        try tampered.verifyAuthorSignature(try Fixture.author("ru/mod/minister").publicKey)
    }

    @Test func largestEntryMatchesTheDocumentedLimit() throws {
        let references = try (0..<64).map { EntryReference(side: try SideID(String(repeating: "u", count: 32)), sequence: UInt64($0), leafHash: .zero) }
        let header = EntryHeader(
            sender: try SideID(String(repeating: "r", count: 32)), recipient: try SideID(String(repeating: "u", count: 32)),
            line: try LineID(String(repeating: "l", count: 64)), track: try TrackID(String(repeating: "t", count: 64)),
            kind: .message, precedence: .flash, timeMilliseconds: .max,
            authorRole: try RoleName(String(repeating: "r", count: 32) + "/" + String(repeating: "x", count: 95)),
            authorKeyID: .zero, references: references, commitment: .zero, contentHash: .zero,
            contentLength: UInt32(EntryHeader.maxContentLength))
        let entry = Entry(sequence: 64, header: header, authorSignature: Array(repeating: 0, count: 64))
        #expect(entry.encoded.count == Entry.maxEncodedSize)
        #expect(Entry.maxEncodedSize == 5182)
        #expect(SealedContent.maxEncodedSize == 16_782_170)
        #expect(try Entry(encoded: entry.encoded) == entry)
    }

    /// Builds an encoding field by field, so that each rule can be broken in isolation.
    struct RawEntry {
        var version: UInt8 = 1
        var sequence: UInt64 = 3
        var sender = "ru", recipient = "us", line = "ru-us/mod", track = "", role = "ru/mod/minister"
        var kind: UInt16 = 1
        var precedence: UInt8 = 0
        var references: [(String, UInt64)] = []
        var referenceCount: UInt8?
        var contentLength: UInt32 = 100
        var trailing: [UInt8] = []

        var bytes: [UInt8] {
            var w = BinaryWriter()
            w.uint8(version)
            w.uint64(sequence)
            for name in [sender, recipient, line, track] { w.vector8(Array(name.utf8)) }
            w.uint16(kind)
            w.uint8(precedence)
            w.uint64(1_000)
            w.vector8(Array(role.utf8))
            w.fixed([UInt8](repeating: 1, count: 32))
            w.uint8(referenceCount ?? UInt8(references.count))
            for (side, sequence) in references {
                w.vector8(Array(side.utf8))
                w.uint64(sequence)
                w.fixed([UInt8](repeating: 2, count: 32))
            }
            w.fixed([UInt8](repeating: 3, count: 64))
            w.uint32(contentLength)
            w.fixed([UInt8](repeating: 4, count: 64))
            w.fixed(trailing)
            return w.bytes
        }
    }

    @Test func acceptsTheBaseline() throws {
        let entry = try Entry(encoded: RawEntry().bytes)
        #expect(entry.encoded == RawEntry().bytes)
    }

    static func broken(_ name: String, _ change: (inout RawEntry) -> Void) -> (String, RawEntry) {
        var raw = RawEntry()
        change(&raw)
        return (name, raw)
    }

    static let brokenEntries: [(String, RawEntry)] = [
        broken("version 2") { r in r.version = 2 },
        broken("empty sender") { r in r.sender = "" },
        broken("upper-case sender") { r in r.sender = "RU" },
        broken("recipient is sender") { r in r.recipient = "ru" },
        broken("line with empty segment") { r in r.line = "ru-us//mod" },
        broken("line with space") { r in r.line = "ru us" },
        broken("track with slash") { r in r.track = "a/b" },
        broken("role of the other side") { r in r.role = "us/mod/minister" },
        broken("role of one segment") { r in r.role = "rux" },
        broken("non-UTF-8 role") { r in r.role = "ru/\u{FFFD}" },
        broken("unknown kind") { r in r.kind = 10 },
        broken("kind zero") { r in r.kind = 0 },
        broken("unknown precedence") { r in r.precedence = 4 },
        broken("65 references") { r in r.references = (0..<65).map { ("us", UInt64($0)) } },
        broken("duplicate reference") { r in r.references = [("us", 1), ("us", 1)] },
        broken("reference to a third side") { r in r.references = [("fr", 1)] },
        broken("reference to a later entry of its own log") { r in r.references = [("ru", 3)] },
        broken("reference count larger than the references") { r in r.references = [("us", 1)]; r.referenceCount = 2 },
        broken("content over the limit") { r in r.contentLength = UInt32(SealedContent.maxEncodedSize + 1) },
        broken("trailing byte") { r in r.trailing = [0] },
    ]

    @Test(arguments: brokenEntries)
    func rejectsEachBrokenRule(_ name: String, _ raw: RawEntry) {
        #expect(throws: EntryError.self, "\(name)") { try Entry(encoded: raw.bytes) }
    }

    @Test func rejectsEveryTruncation() throws {
        let bytes = try Fixture.entry().entry.encoded
        for length in 0..<bytes.count {
            #expect(throws: EntryError.self) { try Entry(encoded: bytes.prefix(length)) }
        }
    }

    @Test func errorsNameTheFieldAndOffset() {
        var raw = RawEntry()
        raw.precedence = 9
        do {
            _ = try Entry(encoded: raw.bytes)
            Issue.record("accepted precedence 9")
        } catch {
            #expect(error.description == "malformed entry: entry.precedence at byte 28: unknown precedence 9 (0-3 are defined)")
        }
    }

    @Test func randomBytesAreRejectedWithoutCrashing() async {
        await propertyCheck(count: 3000, input: Gen.uint8(in: 0...255).array(of: 0...400)) { bytes in
            if let entry = try? Entry(encoded: bytes) {
                #expect(entry.encoded == bytes)
            }
        }
    }

    /// Canonical encoding: whatever a mutated encoding decodes to re-encodes to the same bytes,
    /// so no entry has two encodings.
    @Test func mutationsEitherFailOrAreCanonical() async throws {
        let bytes = try Fixture.entry(references: [EntryReference(side: try SideID("us"), sequence: 1, leafHash: .zero)]).entry.encoded
        await propertyCheck(count: 3000, input: Gen.int(in: 0..<bytes.count), Gen.uint8(in: 1...255), Gen.int(in: -3...3)) { position, delta, resize in
            var mutated = bytes
            mutated[position] &+= delta
            if resize > 0 { mutated.insert(contentsOf: [UInt8](repeating: delta, count: resize), at: position) }
            if resize < 0 { mutated.removeSubrange(position..<min(mutated.count, position - resize)) }
            if let entry = try? Entry(encoded: mutated) {
                #expect(entry.encoded == mutated)
            }
        }
    }
}

@Suite struct SealedContentTests {
    @Test func bothSidesOpenAndNobodyElseCan() throws {
        let (ru, us) = try Fixture.sides()
        let fr = try Fixture.sideKeys("fr")
        let (entry, content, plaintext) = try Fixture.entry()
        #expect(content.hash == entry.header.contentHash)
        try entry.checkContent(content.encoded)
        #expect(throws: EntryError.contentHashMismatch) { try entry.checkContent(content.encoded + [0]) }
        var altered = content.encoded
        altered[altered.count - 1] ^= 1
        #expect(throws: EntryError.contentHashMismatch) { try entry.checkContent(altered) }
        let decoded = try SealedContent(encoded: content.encoded)
        #expect(decoded == content)
        #expect(try decoded.open(with: us) == plaintext)
        #expect(try decoded.open(with: ru) == plaintext)
        #expect(throws: EntryError.self) { try decoded.open(with: fr) }
        #expect(EntryContent.commitment(to: plaintext) == entry.header.commitment)
        #expect(try EntryContent.salt(of: plaintext) == Fixture.seed("salt 0 Test message."))
    }

    @Test func tamperedContentDoesNotOpen() throws {
        let (_, us) = try Fixture.sides()
        let (_, content, _) = try Fixture.entry()
        var flipped = content
        flipped.ciphertext[0] ^= 1
        #expect(throws: EntryError.self) { try flipped.open(with: us) }
        var swapped = content
        swapped.recipients[0].wrappedKey[0] ^= 1
        #expect(throws: EntryError.self) { try swapped.open(with: us) }
    }

    @Test func decodingIsStrict() async throws {
        let bytes = try Fixture.entry().content.encoded
        for length in [0, 1, 2, 100, bytes.count - 1] {
            #expect(throws: EntryError.self) { try SealedContent(encoded: bytes.prefix(length)) }
        }
        #expect(throws: EntryError.self) { try SealedContent(encoded: bytes + [0]) }
        var wrongVersion = bytes
        wrongVersion[0] = 2
        #expect(throws: EntryError.self) { try SealedContent(encoded: wrongVersion) }
        await propertyCheck(count: 500, input: Gen.int(in: 0..<min(bytes.count, 2600)), Gen.uint8(in: 1...255)) { position, delta in
            var mutated = bytes
            mutated[position] &+= delta
            if let content = try? SealedContent(encoded: mutated) {
                #expect(content.encoded == mutated)
            }
        }
        await propertyCheck(count: 1000, input: Gen.uint8(in: 0...255).array(of: 0...200)) { random in
            #expect(throws: EntryError.self) { try SealedContent(encoded: random) }
        }
    }

    @Test func plaintextMustCarryASalt() {
        for plaintext in ["[]", "{}", "{\"salt\":1}", "{\"salt\":\"AAAA\"}", "not json", "{\"salt\":\"" + String(repeating: "A", count: 43) + "\"}"] {
            #expect(throws: EntryError.self, "\(plaintext)") { try EntryContent.salt(of: Array(plaintext.utf8)) }
        }
    }
}
