import Foundation
import PropertyBased
import Testing
@testable import HotlineRecord

@Suite struct CheckpointTests {
    /// The example of C2SP tlog-checkpoint and tlog-cosignature.
    static let c2spExample = """
        example.com/behind-the-sofa
        20852163
        CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

        — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
        — witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==

        """

    @Test func parsesTheSpecExample() throws {
        let note = try SignedNote(parsing: Self.c2spExample)
        let checkpoint = try Checkpoint(note: note)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20852163)
        #expect(checkpoint.rootHash.base64 == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
        #expect(checkpoint.text == note.text)
        #expect(note.signatures.count == 2)
        // The witness line is a timestamped cosignature: 0x8d66cf3f key ID, then the time.
        #expect(note.signatures[1].keyID == 0x8d66cf3f)
        #expect(note.signatures[1].timestamp == 1679315147)
        #expect(note.serialized == Self.c2spExample)
        // Neither key is known here, so nothing verifies.
        #expect(throws: NoteError.noVerifiedSignature) { try note.verify(knownKeys: []) }
    }

    @Test func rejectsMalformedCheckpointText() throws {
        for text in ["o\n1\n", "o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
                     "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", "\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
                     "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n",
                     "o\n18446744073709551616\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n"] {
            #expect(throws: NoteError.self, "\(text.debugDescription)") { try Checkpoint(text: text) }
        }
        #expect(try Checkpoint(text: "o\n0\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next\n").extensionLines == ["ext"])
    }

    @Test func signedAndCosignedCheckpointSatisfiesThePolicy() throws {
        let (ru, us) = try Fixture.sides()
        let checkpoint = Checkpoint(origin: "hotline/ru/us", size: 5, rootHash: Hash.sha256([9]))
        var note = try ru.signCheckpoint(checkpoint)
        note.signatures += try us.cosign(checkpoint, timestamp: 1_489_572_000)
        let reparsed = try SignedNote(parsing: note.serialized)
        let policy = try Fixture.policy(sender: ru, recipient: us)
        let verified = try policy.verify(reparsed)
        #expect(verified.checkpoint == checkpoint)
        #expect(verified.cosignedAt == 1_489_572_000)

        // The log's ML-DSA signature carries timestamp 0, the cosignatures the cosigning time.
        #expect(Array(reparsed.signatures.dropFirst().map(\.timestamp)) == [0, 1_489_572_000, 1_489_572_000])
    }

    @Test func policyRefusesMissingOrDisagreeingSignatures() throws {
        let (ru, us) = try Fixture.sides()
        let checkpoint = Checkpoint(origin: "hotline/ru/us", size: 5, rootHash: Hash.sha256([9]))
        let signed = try ru.signCheckpoint(checkpoint)
        let cosignatures = try us.cosign(checkpoint, timestamp: 1_489_572_000)
        let later = try us.cosign(checkpoint, timestamp: 1_489_572_001)
        let policy = try Fixture.policy(sender: ru, recipient: us)

        for (what, signatures) in [
            ("no cosignatures", signed.signatures),
            ("no Ed25519 log signature", Array(signed.signatures.dropFirst()) + cosignatures),
            ("no ML-DSA log signature", [signed.signatures[0]] + cosignatures),
            ("no ML-DSA cosignature", signed.signatures + [cosignatures[0]]),
            ("no Ed25519 cosignature", signed.signatures + [cosignatures[1]]),
            ("cosignatures at two times", signed.signatures + [cosignatures[0], later[1]]),
        ] {
            #expect(throws: NoteError.self, "\(what)") { try policy.verify(SignedNote(text: signed.text, signatures: signatures)) }
        }
        // A cosignature moved onto a different checkpoint fails to verify.
        let other = Checkpoint(origin: "hotline/ru/us", size: 6, rootHash: Hash.sha256([9]))
        let otherSigned = try ru.signCheckpoint(other)
        #expect(throws: NoteError.self) {
            try policy.verify(SignedNote(text: otherSigned.text, signatures: otherSigned.signatures + cosignatures))
        }
        // us cannot sign ru's log.
        #expect(throws: NoteError.self) { try us.signCheckpoint(checkpoint) }
    }

    @Test func policyRefusesExtensionLinesRepeatedLinesAndATimedLogSignature() throws {
        let (ru, us) = try Fixture.sides()
        let policy = try Fixture.policy(sender: ru, recipient: us)
        let extended = Checkpoint(origin: "hotline/ru/us", size: 5, rootHash: Hash.sha256([9]), extensionLines: ["note"])
        var note = try ru.signCheckpoint(extended)
        note.signatures += try us.cosign(extended, timestamp: 1_000)
        #expect(throws: NoteError.self) { try policy.verify(note) }

        let checkpoint = Checkpoint(origin: "hotline/ru/us", size: 5, rootHash: Hash.sha256([9]))
        let signed = try ru.signCheckpoint(checkpoint)
        let first = try us.cosign(checkpoint, timestamp: 1_000)
        let second = try us.cosign(checkpoint, timestamp: 2_000)
        #expect(throws: NoteError.self) {
            try policy.verify(SignedNote(text: signed.text, signatures: signed.signatures + first + [second[0]]))
        }
        #expect(try policy.verify(SignedNote(text: signed.text, signatures: signed.signatures + second)).cosignedAt == 2_000)

        // The log's ML-DSA line must carry time 0, even with a valid signature over another time.
        let message = try CosignatureMessage.subtree(cosignerName: "hotline/ru/us", timestamp: 7, checkpoint: checkpoint)
        let timed = [0, 0, 0, 0, 0, 0, 0, 7] + [UInt8](try ru.mldsa65.signature(for: message))
        var withTime = signed
        withTime.signatures[1].signature = timed
        #expect(throws: NoteError.self) { try policy.verify(SignedNote(text: withTime.text, signatures: withTime.signatures + first)) }
    }

    @Test func cosignatureMessagesFollowTheSpec() throws {
        let checkpoint = Checkpoint(origin: "example.com/behind-the-sofa", size: 20852163,
                                    rootHash: Hash(base64: "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")!)
        #expect(String(decoding: CosignatureMessage.v1(timestamp: 1679315147, checkpointText: Array(checkpoint.text.utf8)), as: UTF8.self) == """
            cosignature/v1
            time 1679315147
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            """)
        let subtree = try CosignatureMessage.subtree(cosignerName: "w", timestamp: 0x0102, checkpoint: checkpoint)
        let expected: [UInt8] = Array("subtree/v1\n".utf8) + [0, 1] + Array("w".utf8) + [0, 0, 0, 0, 0, 0, 1, 2]
            + [27] + Array("example.com/behind-the-sofa".utf8) + [UInt8](repeating: 0, count: 8)
            + [0, 0, 0, 0, 0x01, 0x3e, 0x2d, 0xc3] + checkpoint.rootHash.bytes
        #expect(subtree == expected)
    }
}
