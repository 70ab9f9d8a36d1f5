import Foundation
import PropertyBased
import Testing
@testable import HotlineRecord

/// Checks the committed vectors in testdata/: what a second implementation tests against.
@Suite struct GoldenVectorTests {
    static func load(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: testdataDirectory.appendingPathComponent(path)))
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(load(path)))
    }

    static func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: testdataDirectory.appendingPathComponent(directory).path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func keysDeriveFromTheirSeeds() throws {
        for side in ["ru", "us"] {
            let file = try Self.json("keys/\(side).json") as! [String: Any]
            let keys = try SideKeys(side: SideID(side), ed25519Seed: hexBytes(file["ed25519Seed"] as! String),
                                    mldsa65Seed: hexBytes(file["mldsa65Seed"] as! String), xwingSeed: hexBytes(file["xwingSeed"] as! String))
            #expect(Base64.encode(keys.publicKeys.ed25519) == file["ed25519PublicKey"] as? String)
            #expect(Base64.encode(keys.publicKeys.mldsa65) == file["mldsa65PublicKey"] as? String)
            #expect(Base64.encode(keys.publicKeys.xwing) == file["xwingPublicKey"] as? String)
            #expect(keys.publicKeys.fingerprint == file["fingerprint"] as? String)
            #expect(try keys.publicKeys.cosignerVerifierKeys().map(\.vkey) == file["cosignerVerifierKeys"] as? [String])
            for vkey in (file["logVerifierKeys"] as! [String]) + (file["cosignerVerifierKeys"] as! [String]) {
                #expect(try VerifierKey(vkey: vkey).vkey == vkey)
            }
        }
        for author in try Self.json("keys/authors.json") as! [[String: String]] {
            let key = try AuthorKey(seed: hexBytes(author["ed25519Seed"]!))
            #expect(Base64.encode(key.publicKey.rawRepresentation) == author["publicKey"])
            #expect(key.publicKey.keyID.hex == author["keyID"])
        }
    }

    @Test(arguments: ["ru-us", "us-ru"])
    func entriesDecodeVerifyAndOpen(_ log: String) throws {
        let (ru, us) = try Fixture.sides()
        let authors = Dictionary(uniqueKeysWithValues: (try Self.json("keys/authors.json") as! [[String: String]]).map {
            ($0["role"]!, try! AuthorPublicKey(rawRepresentation: Base64.decodeCanonical($0["publicKey"]!)!))
        })
        for (i, item) in (try Self.json("entries/\(log).json") as! [[String: Any]]).enumerated() {
            let bytes = Base64.decodeCanonical(item["entry"] as! String)!
            let entry = try Entry(encoded: bytes)
            #expect(entry.sequence == UInt64(i))
            #expect(entry.encoded == bytes)
            #expect(entry.leafHash.hex == item["leafHash"] as? String)
            try entry.verifyAuthorSignature(authors[entry.header.authorRole.rawValue]!)
            let content = try SealedContent(encoded: Base64.decodeCanonical(item["sealedContent"] as! String)!)
            #expect(content.hash == entry.header.contentHash)
            #expect(UInt32(content.encoded.count) == entry.header.contentLength)
            let plaintext = Base64.decodeCanonical(item["plaintext"] as! String)!
            #expect(try content.open(with: ru) == plaintext)
            #expect(try content.open(with: us) == plaintext)
            #expect(EntryContent.commitment(to: plaintext) == entry.header.commitment)
        }
    }

    @Test(arguments: ["ru-us", "us-ru"])
    func proofsMatchTheTree(_ log: String) throws {
        let file = try Self.json("proofs/\(log).json") as! [String: Any]
        let leafHashes = (file["leafHashes"] as! [String]).map { Hash(hex: $0)! }
        let entries = (try Self.json("entries/\(log).json") as! [[String: Any]]).map { try! Entry(encoded: Base64.decodeCanonical($0["entry"] as! String)!) }
        #expect(entries.map(\.leafHash) == leafHashes)
        var tree = MemoryTree()
        leafHashes.forEach { tree.append($0) }
        let roots = (file["roots"] as! [String]).map { Hash(hex: $0)! }
        for (size, root) in roots.enumerated() {
            #expect(referenceRoot(leafHashes[..<size]) == root)
        }
        for vector in file["inclusion"] as! [[String: Any]] {
            let index = UInt64(vector["index"] as! Int), size = UInt64(vector["size"] as! Int)
            let proof = (vector["proof"] as! [String]).map { Hash(hex: $0)! }
            #expect(try InclusionProof.generate(index: index, size: size, from: tree) == proof)
            try InclusionProof.verify(leafHash: leafHashes[Int(index)], index: index, size: size, proof: proof, rootHash: roots[Int(size)])
        }
        for vector in file["consistency"] as! [[String: Any]] {
            let old = UInt64(vector["oldSize"] as! Int), new = UInt64(vector["newSize"] as! Int)
            let proof = (vector["proof"] as! [String]).map { Hash(hex: $0)! }
            #expect(try ConsistencyProof.generate(oldSize: old, newSize: new, from: tree) == proof)
            try ConsistencyProof.verify(oldSize: old, oldRoot: roots[Int(old)], newSize: new, newRoot: roots[Int(new)], proof: proof)
        }
    }

    @Test(arguments: [("ru-us-8.note", 8), ("ru-us-13.note", 13), ("us-ru-4.note", 4)])
    func checkpointsAreSignedAndCosigned(_ file: String, _ size: Int) throws {
        let (ru, us) = try Fixture.sides()
        let note = try SignedNote(parsing: try Self.load("checkpoints/\(file)"))
        let (sender, recipient) = file.hasPrefix("ru") ? (ru, us) : (us, ru)
        let verified = try Fixture.policy(sender: sender, recipient: recipient).verify(note)
        #expect(verified.checkpoint.size == UInt64(size))
        let roots = (try Self.json("proofs/\(file.prefix(5)).json") as! [String: Any])["roots"] as! [String]
        #expect(verified.checkpoint.rootHash.hex == roots[size])
        #expect(note.serialized == String(decoding: try Self.load("checkpoints/\(file)"), as: UTF8.self))
    }

    @Test func goodBundlesVerifyWithTheExpectedSentence() throws {
        let sentences = try Self.json("expected/bundle-sentences.json") as! [String: String]
        let files = try Self.files(in: "bundles")
        #expect(files.count == 5)
        #expect(Set(files) == Set(sentences.keys))
        for file in files {
            let bundle = try EvidenceBundle(json: Self.load("bundles/\(file)"))
            #expect(try bundle.verify().sentence == sentences[file], "\(file)")
            #expect(bundle.json == (try Self.load("bundles/\(file)")), "\(file) re-encodes byte for byte")
        }
    }

    @Test func brokenBundlesFailForTheirDefect() throws {
        let expected = try Self.json("expected/broken-bundle-failures.json") as! [String: String]
        let files = try Self.files(in: "bundles/broken")
        #expect(Set(files) == Set(expected.keys))
        for file in files {
            do {
                _ = try EvidenceBundle(json: Self.load("bundles/broken/\(file)")).verify()
                Issue.record("\(file) verified")
            } catch {
                #expect("\(error)".contains(expected[file]!), "\(file): \(error)")
            }
        }
    }

    /// One-byte mutations of a bundle file never crash, and whatever still verifies is the same
    /// bundle (only JSON white space can change without changing what the bundle says).
    @Test func mutatedBundlesNeverProveSomethingElse() async throws {
        let bytes = try Self.load("bundles/march-proposal-disclosed.json")
        let original = try EvidenceBundle(json: bytes)
        await propertyCheck(count: 400, input: Gen.int(in: 0..<bytes.count), Gen.uint8(in: 1...255)) { position, delta in
            var mutated = bytes
            mutated[position] &+= delta
            if let bundle = try? EvidenceBundle(json: mutated), (try? bundle.verify()) != nil {
                #expect(bundle == original, "mutation at \(position) verified a different bundle")
            }
        }
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...300)) { random in
            #expect(throws: BundleError.self) { try EvidenceBundle(json: random).verify() }
        }
    }
}
